/** The Fiat-Shamir transcript: a Poseidon2 duplex sponge with extension-field challenges and proof-of-work grinding. */
package io.proofline.transcript;

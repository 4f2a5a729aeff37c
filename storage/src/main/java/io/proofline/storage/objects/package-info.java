/**
 * Where the pipeline's stages leave their artifacts for the next stage: witness inputs, circuit
 * inputs, manifests, base proofs and batch proofs, under keys laid out by {@link
 * io.proofline.storage.objects.ObjectKeys}. Objects are written whole or not at all and read back
 * against their SHA-256, so that a stage never works from a torn or altered file.
 */
package io.proofline.storage.objects;

package io.proofline.jobs;

/** {@code proofline.roles} names something that is not a {@link Role}, or nothing at all. */
public final class UnknownRoleException extends IllegalArgumentException {

    public UnknownRoleException(String message) {
        super(message);
    }
}

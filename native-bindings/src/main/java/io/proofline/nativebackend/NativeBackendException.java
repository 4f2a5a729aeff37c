package io.proofline.nativebackend;

/** A native call failed for a reason other than a bad argument: no device, a device error, no memory. */
public final class NativeBackendException extends IllegalStateException {

    private final int status;

    public NativeBackendException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The ABI's status code, one of {@code PL_ERR_*} in proofline_native.h. */
    public int status() {
        return status;
    }
}

package io.proofline.nativebackend;

import io.proofline.backend.ProverBackend;
import io.proofline.backend.ProverBackendProvider;

/** {@code proofline.prover.backend=native-cpu}. */
public final class NativeCpuProvider implements ProverBackendProvider {

    @Override
    public String name() {
        return "native-cpu";
    }

    @Override
    public ProverBackend open() {
        return NativeBackend.cpu();
    }
}

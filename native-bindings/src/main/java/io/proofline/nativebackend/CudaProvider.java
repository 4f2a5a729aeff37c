package io.proofline.nativebackend;

import io.proofline.backend.ProverBackend;
import io.proofline.backend.ProverBackendProvider;

/** {@code proofline.prover.backend=cuda}. */
public final class CudaProvider implements ProverBackendProvider {

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public ProverBackend open() {
        return NativeBackend.cuda();
    }
}

package io.proofline.backend;

class JavaBackendConformanceTests extends BackendConformanceTests {

    @Override
    ProverBackend backend() {
        return ProverBackend.java();
    }
}

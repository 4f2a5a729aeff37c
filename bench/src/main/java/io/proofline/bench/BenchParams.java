package io.proofline.bench;

import io.proofline.plonkish.ProverConfig;

/** The prover parameter sets the benchmarks take by name, from a setting such as {@code PROOFLINE_BENCH_PARAMS}. */
final class BenchParams {

    private BenchParams() {
    }

    /**
     * {@code standard} ({@link ProverConfig#standard()}, LDE 8), {@code lde4}
     * ({@link ProverConfig#ldeFactor4()}), {@code lde2} ({@link ProverConfig#ldeFactor2()}) or
     * {@code proven} ({@link ProverConfig#provenQueries()}).
     *
     * @param setting the setting's name, for the message
     * @throws IllegalArgumentException naming the setting and the names it takes, for any other value
     */
    static ProverConfig named(String setting, String value) {
        return switch (value) {
            case "standard" -> ProverConfig.standard();
            case "lde4" -> ProverConfig.ldeFactor4();
            case "lde2" -> ProverConfig.ldeFactor2();
            case "proven" -> ProverConfig.provenQueries();
            default -> throw new IllegalArgumentException(setting + " must be standard, lde4, lde2 or proven, got '" + value + "'");
        };
    }
}

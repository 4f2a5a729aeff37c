package io.proofline.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo's command line: defaults, both option spellings, and a clear word for bad input. */
class DemoOptionsTests {

    @Test
    void everyOptionHasADefault() {
        // when no option is given
        DemoOptions o = DemoOptions.parse();

        // then the README's defaults apply
        assertEquals(3, o.batches());
        assertEquals(16, o.transactionsPerBatch());
        assertEquals(2, o.workers());
        assertEquals(Duration.ofMinutes(30), o.timeout());
        assertNull(o.dataDir());
        assertFalse(o.keepData());
        assertTrue(o.keysDir().endsWith(Path.of(".proofline", "demo", "keys")), o.keysDir().toString());
        assertNull(o.databaseUrl());
        assertEquals("java", o.backend());
    }

    @Test
    void readsBothSpellingsOfEveryOption() {
        // when options come as "--name value" and "--name=value"
        DemoOptions o = DemoOptions.parse("--batches", "5", "--transactions-per-batch=32", "--workers", "1", "--timeout=90s",
                "--data-dir", "/tmp/demo-x", "--keep-data", "--keys-dir=/tmp/keys-x",
                "--database-url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "--backend=native-cpu");

        // then each one is taken
        assertEquals(5, o.batches());
        assertEquals(32, o.transactionsPerBatch());
        assertEquals(1, o.workers());
        assertEquals(Duration.ofSeconds(90), o.timeout());
        assertEquals(Path.of("/tmp/demo-x"), o.dataDir());
        assertTrue(o.keepData());
        assertEquals(Path.of("/tmp/keys-x"), o.keysDir());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", o.databaseUrl());
        assertEquals("native-cpu", o.backend());
    }

    @ParameterizedTest
    @CsvSource({"300, PT5M", "300s, PT5M", "10m, PT10M", "1h, PT1H"})
    void readsDurationsInSecondsMinutesAndHours(String value, Duration expected) {
        assertEquals(expected, DemoOptions.parse("--timeout", value).timeout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--frobnicate                 | unknown option --frobnicate",
            "--batches                    | --batches needs a value",
            "--batches=many               | --batches needs a whole number, not 'many'",
            "--batches=0                  | --batches must be between 1 and 1000",
            "--workers=17                 | --workers must be between 1 and 16",
            "--transactions-per-batch=0   | --transactions-per-batch must be between 1 and 1000",
            "--timeout=soon               | --timeout needs a duration such as 300s, 10m or 1h, not 'soon'",
            "--timeout=0s                 | --timeout must be positive",
            "--keep-data=yes              | --keep-data takes no value",
            "--backend=gpu                | --backend must be one of java, native-cpu, cuda, auto, not 'gpu'"})
    void badInputIsRefusedNamingTheOption(String arg, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(arg));
        assertEquals(message, e.getMessage());
    }

    @Test
    void helpIsFoundAnywhereOnTheLine() {
        assertTrue(DemoOptions.helpRequested("--batches", "2", "--help"));
        assertTrue(DemoOptions.helpRequested("-h"));
        assertFalse(DemoOptions.helpRequested("--batches", "2"));
        for (String option : new String[] {"--batches", "--transactions-per-batch", "--workers", "--timeout", "--data-dir",
                "--keep-data", "--keys-dir", "--database-url", "--backend"}) {
            assertTrue(DemoOptions.HELP.contains(option), option + " is in --help");
        }
    }
}

package io.proofline.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ErrorBodyTests {

    @Test
    void escapesIntoValidJson() {
        String message = "quote \" backslash \\ newline \n tab \t bell \u0007 é";
        String json = "{\"error\":\"" + ErrorBody.escape(message) + "\"}";
        assertEquals(message, JsonMapper.builder().build().readTree(json).get("error").asString());
    }
}

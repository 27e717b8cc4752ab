package dev.mantlemock.answer;

import static dev.mantlemock.testing.TestRequests.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SchemaSamplerTest {
    private static final int SEEDS = 300;
    private final SchemaSampler sampler = new SchemaSampler();

    @ParameterizedTest(name = "samples conform to {0}")
    @ValueSource(strings = {
        // flat object with every scalar type, enum and const
        """
        {"type":"object","properties":{
          "city":{"type":"string","minLength":3,"maxLength":12},
          "days":{"type":"integer","minimum":1,"maximum":14},
          "ratio":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},
          "metric":{"type":"boolean"},
          "nothing":{"type":"null"},
          "unit":{"enum":["celsius","fahrenheit"]},
          "version":{"const":2}},
         "required":["city","days","unit"],"additionalProperties":false}
        """,
        // nested objects inside arrays with bounds
        """
        {"type":"object","properties":{
          "orders":{"type":"array","minItems":2,"maxItems":4,"items":{
            "type":"object","properties":{
              "sku":{"type":"string","format":"uuid"},
              "qty":{"type":"integer","minimum":1,"maximum":9,"multipleOf":3},
              "tags":{"type":"array","items":{"type":"string","enum":["a","b","c"]},"uniqueItems":true,"maxItems":3}},
            "required":["sku","qty"]}}},
         "required":["orders"]}
        """,
        // string formats
        """
        {"type":"object","properties":{
          "when":{"type":"string","format":"date-time"},
          "who":{"type":"string","format":"email"},
          "where":{"type":"string","format":"uri"}},
         "required":["when","who","where"]}
        """,
        // $ref into $defs, recursive tree, nullable type list
        """
        {"type":"object","properties":{"root":{"$ref":"#/$defs/node"}},"required":["root"],
         "$defs":{"node":{"type":"object","properties":{
            "label":{"type":["string","null"]},
            "children":{"type":"array","items":{"$ref":"#/$defs/node"}}},
           "required":["label"]}}}
        """,
        // legacy definitions, anyOf and oneOf take a branch that validates
        """
        {"type":"object","properties":{
          "id":{"anyOf":[{"type":"integer","minimum":10},{"type":"string"}]},
          "shape":{"oneOf":[{"$ref":"#/definitions/circle"},{"type":"string","const":"none"}]}},
         "required":["id","shape"],
         "definitions":{"circle":{"type":"object","properties":{"radius":{"type":"number","minimum":0}},"required":["radius"]}}}
        """,
        // boolean schemas: a property that may hold anything, and one that may not be present (the fuzzer's find)
        """
        {"type":"object","properties":{"city":{"type":"string"},"anything":true,"never":false},"required":["city"]}
        """,
        // allOf merges the parts
        """
        {"allOf":[{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]},
                  {"properties":{"b":{"type":"string","maxLength":4}},"required":["b"]}]}
        """
    })
    void samplesConformToTheSchemaOverManySeeds(String schemaJson) {
        JsonNode schema = node(schemaJson);
        for (int seed = 0; seed < SEEDS; seed++) {
            JsonNode value = sampler.sample(schema, new SplittableRandom(seed));
            assertThat(SchemaConformance.violations(schema, value)).as("seed %d gave %s", seed, value).isEmpty();
            assertThat(SchemaCheck.problem(schema, value)).as("the mock's own check, seed %d gave %s", seed, value).isEmpty();
        }
    }

    @Test
    void theConformanceCheckerItselfRejectsWrongValues() {
        JsonNode schema = node("""
            {"type":"object","properties":{"n":{"type":"integer","maximum":3},"e":{"enum":["x"]},
             "r":{"$ref":"#/$defs/s"}},"required":["n"],"$defs":{"s":{"type":"string","format":"uuid"}}}""");
        assertThat(SchemaConformance.violations(schema, node("{\"e\":\"y\",\"r\":\"nope\"}"))).hasSize(3);
        assertThat(SchemaConformance.violations(schema, node("{\"n\":4}"))).hasSize(1);
        assertThat(SchemaConformance.violations(schema, node("{\"n\":3,\"e\":\"x\"}"))).isEmpty();
    }

    @Test
    void optionalPropertiesAppearSometimesAndRequiredOnesAlways() {
        JsonNode schema = node("""
            {"type":"object","properties":{"must":{"type":"string"},"may":{"type":"string"}},"required":["must"]}""");
        Set<Boolean> sawOptional = new HashSet<>();
        for (int seed = 0; seed < 50; seed++) {
            JsonNode value = sampler.sample(schema, new SplittableRandom(seed));
            assertThat(value.has("must")).isTrue();
            sawOptional.add(value.has("may"));
        }
        assertThat(sawOptional).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void enumsAreDrawnFromAcrossTheirValues() {
        JsonNode schema = node("""
            {"type":"string","enum":["red","green","blue"]}""");
        Set<String> seen = new HashSet<>();
        for (int seed = 0; seed < 60; seed++) {
            seen.add(sampler.sample(schema, new SplittableRandom(seed)).asText());
        }
        assertThat(seen).containsExactlyInAnyOrder("red", "green", "blue");
    }

    @Test
    void hugeNumericRangesStayInsideTheirBounds() {
        for (String schemaJson : new String[] {"{\"type\":\"integer\",\"minimum\":-9e18,\"maximum\":9e18}",
                "{\"type\":\"number\",\"minimum\":-1e308,\"maximum\":1e308}", "{\"type\":\"integer\",\"maximum\":-500}"}) {
            JsonNode schema = node(schemaJson);
            for (int seed = 0; seed < 50; seed++) {
                JsonNode value = sampler.sample(schema, new SplittableRandom(seed));
                assertThat(SchemaConformance.violations(schema, value)).as("%s gave %s", schemaJson, value).isEmpty();
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameValue() {
        JsonNode schema = node("""
            {"type":"object","properties":{"x":{"type":"array","items":{"type":"number"}}},"required":["x"]}""");
        assertThat(sampler.sample(schema, new SplittableRandom(7))).isEqualTo(sampler.sample(schema, new SplittableRandom(7)));
    }

    @ParameterizedTest(name = "odd but valid schema {0} still yields a value")
    @ValueSource(strings = {"{}", "true", "{\"$ref\":\"https://example.com/remote.json\"}", "{\"$ref\":\"#/$defs/missing\"}",
            "{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}", "{\"not\":{\"type\":\"string\"}}", "{\"type\":[]}",
            "{\"$ref\":\"#\"}", "{\"type\":\"integer\",\"minimum\":-9e18,\"maximum\":9e18}",
            "{\"type\":\"number\",\"minimum\":-1e308,\"maximum\":1e308}", "{\"type\":\"array\",\"minItems\":100000000}",
            "{\"type\":\"object\",\"required\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"],\"properties\":{\"a\":{\"$ref\":\"#\"},\"b\":{\"$ref\":\"#\"},"
                    + "\"c\":{\"$ref\":\"#\"},\"d\":{\"$ref\":\"#\"},\"e\":{\"$ref\":\"#\"},\"f\":{\"$ref\":\"#\"}}}"})
    void oddSchemasNeverThrow(String schemaJson) {
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThatCode(() -> sampler.sample(node(schemaJson), new SplittableRandom(1))).doesNotThrowAnyException());
    }
}

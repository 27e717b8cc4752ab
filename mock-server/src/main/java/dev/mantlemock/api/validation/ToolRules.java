package dev.mantlemock.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code tools} and {@code tool_choice}. Anthropic-defined tool types are told apart by their type prefix. */
final class ToolRules {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,128}$");
    private static final Set<String> CUSTOM_FIELDS = Set.of("type", "name", "description", "input_schema",
            "cache_control", "strict", "eager_input_streaming", "defer_loading", "input_examples", "allowed_callers");
    /** Type prefixes of Anthropic-defined tools; whether Mantle supports each is the feature policy's call. */
    private static final List<String> DEFINED_PREFIXES = List.of("bash_", "text_editor_", "computer_", "memory_",
            "web_search_", "web_fetch_", "code_execution_", "tool_search_tool_", "advisor_", "mcp_toolset",
            "browser_toolset_");

    private ToolRules() {}

    /** Checks the tools and returns their names, for {@code tool_choice}. */
    static Set<String> checkTools(JsonNode tools) {
        Set<String> names = new HashSet<>();
        if (tools == null || tools.isNull()) {
            return names;
        }
        ArrayNode list = Check.array(tools, "tools");
        for (int i = 0; i < list.size(); i++) {
            String path = "tools." + i;
            ObjectNode tool = Check.object(list.get(i), path);
            String type = tool.path("type").asText("custom");
            String name;
            if (type.equals("custom")) {
                name = checkCustom(tool, path + ".custom");
            } else if (DEFINED_PREFIXES.stream().anyMatch(type::startsWith)) {
                JsonNode n = tool.get("name");
                name = n == null ? type : Check.string(n, path + ".name");
                CacheControlRules.check(tool, path);
            } else {
                throw Check.at(path, ApiError.UNKNOWN_TOOL_TYPE, type);
            }
            if (!names.add(name)) {
                throw ApiException.of(ApiError.TOOL_NAMES_NOT_UNIQUE);
            }
        }
        return names;
    }

    private static String checkCustom(ObjectNode tool, String path) {
        Check.onlyFields(tool, path, CUSTOM_FIELDS);
        String name = Check.string(Check.required(tool, "name", path), path + ".name");
        if (!NAME.matcher(name).matches()) {
            throw Check.at(path + ".name", ApiError.PATTERN_MISMATCH, NAME.pattern());
        }
        if (tool.has("description")) {
            Check.string(tool.get("description"), path + ".description");
        }
        ObjectNode schema = Check.object(Check.required(tool, "input_schema", path), path + ".input_schema");
        JsonNode type = schema.get("type");
        if (type == null || !"object".equals(type.asText())) {
            throw Check.at(path + ".input_schema.type", ApiError.NOT_ONE_OF, Check.quoted(Set.of("object")));
        }
        for (String flag : List.of("strict", "eager_input_streaming", "defer_loading")) {
            if (tool.has(flag)) {
                Check.bool(tool.get(flag), path + "." + flag);
            }
        }
        if (tool.path("strict").asBoolean(false)) {
            StrictSchemaRules.check(schema, path);
        }
        CacheControlRules.check(tool, path);
        return name;
    }

    /** Returns the choice's type ("auto" when absent). */
    static String checkToolChoice(JsonNode choice, Set<String> toolNames) {
        if (choice == null || choice.isNull()) {
            return "auto";
        }
        ObjectNode obj = Check.object(choice, "tool_choice");
        String type = Check.tag(obj, "tool_choice", Set.of("auto", "any", "tool", "none"));
        String path = "tool_choice." + type;
        Check.onlyFields(obj, path, type.equals("tool")
                ? Set.of("type", "name", "disable_parallel_tool_use")
                : type.equals("none") ? Set.of("type") : Set.of("type", "disable_parallel_tool_use"));
        if (obj.has("disable_parallel_tool_use")) {
            Check.bool(obj.get("disable_parallel_tool_use"), path + ".disable_parallel_tool_use");
        }
        if ((type.equals("any") || type.equals("tool")) && toolNames.isEmpty()) {
            throw ApiException.of(ApiError.TOOL_CHOICE_WITHOUT_TOOLS, type);
        }
        if (type.equals("tool")) {
            String name = Check.string(Check.required(obj, "name", path), path + ".name");
            if (!toolNames.contains(name)) {
                throw Check.at(path + ".name", ApiError.TOOL_CHOICE_UNKNOWN_TOOL, name);
            }
        }
        return type;
    }
}

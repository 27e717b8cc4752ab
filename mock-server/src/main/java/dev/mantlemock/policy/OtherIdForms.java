package dev.mantlemock.policy;

import dev.mantlemock.bedrock.BuiltInTable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a model id written for another surface (a bedrock-runtime id, a cross-region profile, a first-party
 * name) reads as its Mantle id, from {@code other-id-forms} in models.yaml. Only for hints on a 404.
 */
record OtherIdForms(Pattern crossRegionPrefix, Pattern runtimeVersion, Pattern snapshotDate, String providerPrefix,
        Pattern mantleModelId) {
    static final String[] KEYS = {"cross-region-prefixes", "runtime-version", "snapshot-date", "provider-prefix",
        "mantle-model-id"};

    static OtherIdForms read(BuiltInTable section) {
        section.require(List.of(KEYS));
        List<String> prefixes = section.strings("cross-region-prefixes").stream().map(Pattern::quote).toList();
        return new OtherIdForms(Pattern.compile("^(" + String.join("|", prefixes) + ")\\."),
                Pattern.compile(section.text("runtime-version")), Pattern.compile(section.text("snapshot-date")),
                section.text("provider-prefix"), Pattern.compile(section.text("mantle-model-id")));
    }

    /** The Mantle form of {@code id}: prefix and suffixes of other surfaces dropped, the provider prefix added. */
    String mantleIdFor(String id) {
        String s = crossRegionPrefix.matcher(id).replaceFirst("");
        s = runtimeVersion.matcher(s).replaceFirst("");
        s = snapshotDate.matcher(s).replaceFirst("");
        return s.startsWith(providerPrefix) ? s : providerPrefix + s;
    }

    /** Whether {@code id} is shaped like a Mantle id of the catalogue's family: one a config entry could add. */
    boolean looksLikeMantleModelId(String id) {
        return mantleModelId.matcher(id).matches();
    }
}

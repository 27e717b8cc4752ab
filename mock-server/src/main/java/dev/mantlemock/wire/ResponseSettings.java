package dev.mantlemock.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.ConfigException;

/**
 * How the fields the SDK types declare required-but-nullable are written (docs/api.md, "Response shape").
 * What Mantle itself sends for them has not been observed; the default is the first-party shape.
 */
public final class ResponseSettings {
    /**
     * {@code present} (default): every such field is sent, with the first-party value where it has one
     * ({@code service_tier: "standard"}, {@code cache_creation} with zeros) and {@code null} otherwise;
     * {@code omit}: fields with no value are left out (both SDKs read that as null too).
     */
    @JsonProperty("nullable-fields")
    public String nullableFields = "present";

    /** {@code usage.inference_geo}: first-party sends {@code "global"} (also seen: {@code "us"}, {@code "not_available"}); null sends null. */
    @JsonProperty("inference-geo")
    public String inferenceGeo = "global";

    /**
     * {@code error.details.error_code} on the errors that carry one first-party (TS SDK 1.17): {@code omit} (the
     * default: no source shows Mantle sending it, and no SDK needs it) or {@code send}.
     */
    @JsonProperty("error-details")
    public String errorDetails = "omit";

    public boolean sendsErrorDetails() {
        return errorDetails.equals("send");
    }

    public void check() {
        if (!errorDetails.equals("omit") && !errorDetails.equals("send")) {
            throw new ConfigException("responses.error-details must be 'omit' or 'send', not '" + errorDetails + "'");
        }
        if (!nullableFields.equals("present") && !nullableFields.equals("omit")) {
            throw new ConfigException("responses.nullable-fields must be 'present' or 'omit', not '" + nullableFields + "'");
        }
    }

    boolean present() {
        return nullableFields.equals("present");
    }
}

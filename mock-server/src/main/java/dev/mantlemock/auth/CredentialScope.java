package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
/**
 * The {@code Credential=} value of a SigV4 signature: who signed, and for which day, region and service.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw ApiException.of(ApiError.MALFORMED_CREDENTIAL, parts.length);
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                throw ApiException.of(ApiError.MALFORMED_CREDENTIAL, parts.length);
            }
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /** {@code yyyymmdd/region/service/aws4_request}: the line the string to sign carries. */
    public String scope() {
        return date + "/" + region + "/" + service + "/" + terminator;
    }
}

package dev.mantlemock.client;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS documentation's example key pair, which the mock knows as its default principal. Written here
 * once for the server, the test kit, the contract suite and the load tests. Never a real credential.
 */
public final class ExamplePrincipal {
    public static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public static final String REGION = "us-east-1";
    /** The account the mock reports for the example principal (the AWS documentation's example account). */
    public static final String ACCOUNT = "123456789012";

    private ExamplePrincipal() {}

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }
}

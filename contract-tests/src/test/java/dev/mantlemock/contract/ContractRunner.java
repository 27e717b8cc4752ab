package dev.mantlemock.contract;

import com.anthropic.errors.AnthropicServiceException;
import org.opentest4j.TestAbortedException;

/**
 * Runs a contract against a target and says how it went, with a reason a person can act on. This is
 * the one place that decides skip versus fail, for JUnit and for the mutant self-check alike.
 */
public final class ContractRunner {
    private static final int MAX_REASON = 400;

    private ContractRunner() {}

    public static ContractResult run(Contract contract, Target target) {
        if (target.unavailable() != null) {
            return ContractResult.of(contract, Outcome.SKIPPED, target.unavailable(), Cost.NONE);
        }
        if (contract.needs() == Contract.Needs.FIXTURES && !target.answersFromFixtures()) {
            return ContractResult.of(contract, Outcome.SKIPPED,
                    "mock-only: its exact values come from fixtures/, which only a mock answers from", Cost.NONE);
        }
        if (contract.needs() == Contract.Needs.SIGV4_CREDENTIALS && !target.hasSigV4()) {
            return ContractResult.of(contract, Outcome.SKIPPED, "needs IAM credentials for SigV4; the target has only a bearer key", Cost.NONE);
        }
        Session session = new Session(target);
        try {
            contract.check().verify(session);
            return ContractResult.of(contract, Outcome.PASSED, null, session.meter().cost());
        } catch (ContractSkipped | TestAbortedException e) {
            return ContractResult.of(contract, Outcome.SKIPPED, e.getMessage(), session.meter().cost());
        } catch (AssertionError e) {
            return ContractResult.of(contract, Outcome.FAILED, reason(e), session.meter().cost());
        } catch (AnthropicServiceException e) {
            return ContractResult.of(contract, Outcome.FAILED, "unexpected HTTP " + e.statusCode() + " "
                    + e.getClass().getSimpleName() + ": " + reason(e), session.meter().cost());
        } catch (Exception e) {
            return ContractResult.of(contract, Outcome.FAILED, e.getClass().getSimpleName() + ": " + reason(e), session.meter().cost());
        }
    }

    /** The first lines of the message, short enough for a table cell, with no line breaks. */
    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.strip().replaceAll("\\s+", " ");
        return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "…" : message;
    }
}

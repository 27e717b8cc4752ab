package dev.mantlemock.contract.suite;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Registered through META-INF/services: writes the report once, after every test of the run. */
public final class ReportOnFinish implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        SuiteRun.finish();
    }
}

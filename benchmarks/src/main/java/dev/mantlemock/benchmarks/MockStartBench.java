package dev.mantlemock.benchmarks;

import dev.mantlemock.kit.MantleMock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long the test kit takes to start an in-process mock ({@code MantleMock.start()}: the server listening
 * on a free loopback port, ready for a request). {@code firstInJvm}: a fresh JVM's first mock, what a
 * suite pays once. {@code anotherInSameJvm}: every later one, what each further test class (or each
 * concurrent test) pays. One start per iteration, timed alone (single shot); the mock is closed outside
 * the timing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MockStartBench {
    private MantleMock mock;

    @Benchmark
    @Fork(5)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public MantleMock firstInJvm() {
        mock = MantleMock.start();
        return mock;
    }

    /** The first start of each fork is the warm-up: only the second and later are measured. */
    @Benchmark
    @Fork(3)
    @Warmup(iterations = 1)
    @Measurement(iterations = 30)
    public MantleMock anotherInSameJvm() {
        mock = MantleMock.start();
        return mock;
    }

    @TearDown(Level.Iteration)
    public void stop() {
        mock.close();
    }
}

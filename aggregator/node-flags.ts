// The options `node` itself gets when it runs the aggregator (`npm run aggregator`, the app's local aggregator, the
// benches and the CLI tests). They can't be set from the script: V8's thread pool exists before any code runs.

/**
 * V8's helper threads (parallel scavenges, concurrent marking, compiles): Node starts 4 on any machine. The aggregator's
 * heap is small (≈ 50 MB), and beside its HTTP thread and its storage worker, 4 helpers on 2 cores preempted the HTTP
 * thread ≈ 900 times a second under a report flood. With 2, report p99 fell by about a quarter there
 * (aggregator/README.md → Scale, round 10).
 */
export const AGGREGATOR_NODE_FLAGS: readonly string[] = ['--v8-pool-size=2'];

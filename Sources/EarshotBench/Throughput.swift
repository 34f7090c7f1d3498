import Foundation

/// Throughput of work over many texts on one core: CPU time of this thread (so other processes
/// on the machine do not count against it) and wall time.
struct Throughput {
    var texts: Int
    var bytes: Int
    var rounds: Int
    var cpuSeconds: Double
    var wallSeconds: Double

    /// Runs `body` over every text `rounds` times and times it.
    static func measure(_ texts: [String], rounds: Int, _ body: (String) -> Void) -> Throughput {
        let rounds = max(1, rounds)
        let clock = ContinuousClock()
        let wallStart = clock.now
        let cpuStart = threadCPUSeconds()
        for _ in 0..<rounds {
            for text in texts { body(text) }
        }
        let cpu = threadCPUSeconds() - cpuStart
        let wall = wallStart.duration(to: clock.now)
        return Throughput(
            texts: texts.count * rounds, bytes: texts.reduce(0) { $0 + $1.utf8.count } * rounds, rounds: rounds,
            cpuSeconds: cpu, wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        )
    }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// One JSON object: counts, seconds, and texts and megabytes per CPU second and per wall
    /// second, then `extra` (already JSON members).
    func json(extra: String) -> String {
        let cpu = max(cpuSeconds, 1e-9)
        let wall = max(wallSeconds, 1e-9)
        return "{\"texts\":\(texts),\"bytes\":\(bytes),\"rounds\":\(rounds),\"cpu_seconds\":\(cpuSeconds),"
            + "\"wall_seconds\":\(wallSeconds),\"texts_per_cpu_second\":\(Double(texts) / cpu),"
            + "\"mb_per_cpu_second\":\(Double(bytes) / cpu / 1e6),\"texts_per_wall_second\":\(Double(texts) / wall),"
            + "\"mb_per_wall_second\":\(Double(bytes) / wall / 1e6),\(extra)}"
    }
}

//! The timing loop the benchmarks share: a warm-up run, then `n` runs,
//! min / median / max printed.

use std::time::{Duration, Instant};

/// Times `f` `n` times; prints and returns the median.
pub fn measure(name: &str, n: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[n / 2];
    println!(
        "{name:<44} min {:>8.2} ms   median {:>8.2} ms   max {:>8.2} ms   (n={n})",
        ms(times[0]),
        ms(median),
        ms(times[n - 1])
    );
    median
}

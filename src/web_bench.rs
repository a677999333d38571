//! For `./scripts/bench` only (feature `bench`, never in the page): the stages of the analysis timed
//! in wasm, alone and one after another, with the clock of the JavaScript host.

use wasm_bindgen::prelude::*;

use crate::stages::Stages;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// The names of the stages [`bench_stages`] times, comma-separated.
#[wasm_bindgen]
pub fn stage_names() -> String {
    Stages::NAMES.join(",")
}

/// Microseconds per run, each the mean of `runs` runs: every stage alone (run `runs` times before the
/// next), then all stages one after another, then [`crate::analyze`].
#[wasm_bindgen]
pub fn bench_stages(text: &str, runs: u32) -> Vec<f64> {
    let stages = Stages::new(text);
    let runs = runs.max(1);
    let mut sink = 0;
    let mut time = |f: &mut dyn FnMut() -> usize| {
        let t = now();
        for _ in 0..runs {
            sink += f();
        }
        (now() - t) * 1000.0 / f64::from(runs)
    };
    let n = Stages::NAMES.len();
    let mut out: Vec<f64> = (0..n).map(|k| time(&mut || stages.run(k))).collect();
    out.push(time(&mut || (0..n).map(|k| stages.run(k)).sum()));
    out.push(time(&mut || analyze_once(text)));
    std::hint::black_box(sink);
    out
}

/// Not inlined into the timing loop: wasm code is optimised only for a function's next call.
#[inline(never)]
fn analyze_once(text: &str) -> usize {
    crate::analyze(text).findings.len()
}

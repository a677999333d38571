//! Running `analyze`'s independent tasks on two threads: the calling thread and one helper thread
//! that lives as long as the process.
//!
//! Why a helper that stays rather than a thread per call: starting and joining a thread costs about
//! 50 µs on the machine the benches run on, and `analyze` has two rounds of tasks, while a 10 KB
//! report is analysed in about 200 µs; waking a waiting thread costs about 5 µs. rayon's pool was
//! measured too (`in_place_scope`): slower than one thread at 10 KB.
//!
//! Each thread takes the next task not yet taken, so the two share the work whatever each task costs
//! on this text. If the helper is busy with another caller's tasks (the CLI analyses many files at
//! once), the caller runs all its tasks itself. The page's wasm has no threads: there the tasks are
//! plain calls, and none of this is compiled.

#[cfg(not(target_arch = "wasm32"))]
use std::sync::OnceLock;

/// Runs every task once and binds each result to the task's name: on two threads when `parallel`
/// and the platform has threads, else one after another. In wasm the tasks are called directly
/// (through `dyn` the size-optimised wasm grew by 4 KB gzipped).
macro_rules! run_tasks {
    ($parallel:expr; $($name:ident = $task:expr),+ $(,)?) => {
        $(#[cfg(not(target_arch = "wasm32"))] let $name = $crate::tasks::Slot::new($task);)+
        #[cfg(not(target_arch = "wasm32"))]
        $crate::tasks::run_slots($parallel, &[$(&$name),+]);
        $(#[cfg(not(target_arch = "wasm32"))] let $name = $name.into_inner();)+
        #[cfg(target_arch = "wasm32")]
        let _ = $parallel;
        $(#[cfg(target_arch = "wasm32")] let $name = ($task)();)+
    };
}
pub(crate) use run_tasks;

/// A task of [`run_tasks!`] and, once it has run, its result.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) struct Slot<T, F> {
    task: F,
    result: OnceLock<T>,
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) trait Run: Sync {
    fn run(&self);
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync, F: Fn() -> T + Sync> Slot<T, F> {
    pub(crate) fn new(task: F) -> Self {
        Slot { task, result: OnceLock::new() }
    }

    /// The result. `run_slots` returns only when every task has run (a task's panic is passed on), so
    /// there is one.
    pub(crate) fn into_inner(self) -> T {
        self.result.into_inner().expect("run_slots runs every task")
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync, F: Fn() -> T + Sync> Run for Slot<T, F> {
    fn run(&self) {
        let _ = self.result.set((self.task)());
    }
}

/// Runs every task once, on this thread and the helper when `parallel`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn run_slots(parallel: bool, tasks: &[&dyn Run]) {
    let list = helper::List::new(tasks);
    if parallel {
        if let Some(claim) = helper::offer(&list) {
            list.work();
            // A panic in a task is a bug; one on the helper is passed on as it would be without it.
            if let Some(panic) = claim.finish() {
                std::panic::resume_unwind(panic);
            }
            return;
        }
    }
    list.work();
}

#[cfg(not(target_arch = "wasm32"))]
mod helper {
    use std::any::Any;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};

    use super::Run;

    /// Tasks being run, shared by the thread that offers them and the helper.
    pub(crate) struct List<'t> {
        tasks: &'t [&'t dyn Run],
        next: AtomicUsize,
    }

    impl<'t> List<'t> {
        pub(crate) fn new(tasks: &'t [&'t dyn Run]) -> Self {
            List { tasks, next: AtomicUsize::new(0) }
        }

        /// Runs tasks not yet taken until there are none.
        pub(crate) fn work(&self) {
            while let Some(task) = self.tasks.get(self.next.fetch_add(1, Ordering::Relaxed)) {
                task.run();
            }
        }
    }

    /// A list offered to the helper, its lifetime erased: [`Claim`] keeps the list alive until the
    /// helper is done with it.
    struct Offered(*const List<'static>);

    // SAFETY: a `List` is `Sync` (its tasks are `Run: Sync`, the counter atomic); the pointer is read
    // only while the thread that offered the list waits for the helper (see `Claim`).
    unsafe impl Send for Offered {}

    enum State {
        /// Waiting for a list.
        Idle,
        /// A list is offered and the helper has not taken it yet.
        Offered(Offered),
        /// The helper is working through a list.
        Working,
        /// The helper is done with the list; a task's panic, if one panicked on the helper.
        Done(Option<Box<dyn Any + Send>>),
    }

    /// How many times a thread looks again before it sleeps, when it waits for the helper or the
    /// helper for a list: about 50 µs, which spans the gap between `analyze`'s rounds and the
    /// usual wait for the other thread's last task, so neither pays for a sleep and a wake there.
    const SPINS: u32 = 2000;

    struct Helper {
        state: Mutex<State>,
        /// The helper waits here for a list, the offering thread for the helper to be done.
        changed: Condvar,
    }

    impl Helper {
        fn lock(&self) -> MutexGuard<'_, State> {
            // No code panics while holding the lock (tasks run outside it), so it is never poisoned;
            // were it, its state is still whole.
            self.state.lock().unwrap_or_else(|e| e.into_inner())
        }

        /// Waits until `ready` holds of the state: looking again [`SPINS`] times, then asleep until
        /// the state changes.
        fn wait_until<'h>(&'h self, mut state: MutexGuard<'h, State>, ready: impl Fn(&State) -> bool) -> MutexGuard<'h, State> {
            let mut spins = 0;
            while !ready(&state) {
                if spins < SPINS {
                    spins += 1;
                    drop(state);
                    std::hint::spin_loop();
                    state = self.lock();
                } else {
                    state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
                }
            }
            state
        }

        fn serve(&self) {
            loop {
                let mut state = self.wait_until(self.lock(), |s| matches!(s, State::Offered(_)));
                let State::Offered(Offered(list)) = std::mem::replace(&mut *state, State::Working) else {
                    continue;
                };
                drop(state);
                // SAFETY: the offering thread does not return from `Claim::finish` (nor drop its
                // claim while unwinding) before the state leaves `Working`, so the list is alive.
                let outcome = catch_unwind(AssertUnwindSafe(|| unsafe { &*list }.work()));
                *self.lock() = State::Done(outcome.err());
                self.changed.notify_all();
            }
        }
    }

    /// The helper, started on first use; `None` on one core or where no thread can be started.
    fn helper() -> Option<&'static Helper> {
        static HELPER: OnceLock<Option<&'static Helper>> = OnceLock::new();
        *HELPER.get_or_init(|| {
            if !std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
                return None;
            }
            let helper: &'static Helper =
                Box::leak(Box::new(Helper { state: Mutex::new(State::Idle), changed: Condvar::new() }));
            std::thread::Builder::new().name("reportlens-helper".into()).spawn(move || helper.serve()).ok()?;
            Some(helper)
        })
    }

    /// Offers `list` to the helper. `None` if the helper is busy with another caller's list (or
    /// there is none): the caller then works alone.
    pub(crate) fn offer<'l>(list: &'l List<'_>) -> Option<Claim<'l>> {
        let helper = helper()?;
        let mut state = helper.lock();
        if !matches!(*state, State::Idle) {
            return None;
        }
        *state = State::Offered(Offered((list as *const List<'_>).cast::<List<'static>>()));
        drop(state);
        helper.changed.notify_all();
        Some(Claim { helper, _list: std::marker::PhantomData, finished: false })
    }

    /// Held by the thread that offered a list: finishing (or dropping, when a task panics on this
    /// thread) waits until the helper is done with the list.
    pub(crate) struct Claim<'l> {
        helper: &'static Helper,
        _list: std::marker::PhantomData<&'l List<'l>>,
        finished: bool,
    }

    impl Claim<'_> {
        /// Waits for the helper to be done with the list (taking it back if the helper never
        /// started on it) and frees the helper for the next caller; a panic of a task on the helper.
        pub(crate) fn finish(mut self) -> Option<Box<dyn Any + Send>> {
            self.finished = true;
            self.release()
        }

        fn release(&self) -> Option<Box<dyn Any + Send>> {
            let mut state = self.helper.wait_until(self.helper.lock(), |s| !matches!(s, State::Working));
            // Offered and not taken yet: all tasks are done, so it is taken back.
            match std::mem::replace(&mut *state, State::Idle) {
                State::Done(panic) => panic,
                _ => None,
            }
        }
    }

    impl Drop for Claim<'_> {
        fn drop(&mut self) {
            if !self.finished {
                let _ = self.release();
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn every_task_runs_once_and_results_come_back_in_place() {
        for parallel in [false, true] {
            for _ in 0..200 {
                run_tasks! { parallel;
                    a = || (0..1000u64).sum::<u64>(),
                    b = || "b".repeat(3),
                    c = || vec![1, 2, 3],
                }
                assert_eq!((a, b.as_str(), c), (499_500, "bbb", vec![1, 2, 3]));
            }
        }
    }

    #[test]
    fn callers_on_many_threads_share_one_helper() {
        // While one caller holds the helper, the others work alone; all get every result.
        std::thread::scope(|s| {
            for t in 0..4u64 {
                s.spawn(move || {
                    for i in 0..300u64 {
                        run_tasks! { true;
                            x = || t * 1000 + i,
                            y = || (0..=i).sum::<u64>(),
                        }
                        assert_eq!((x, y), (t * 1000 + i, i * (i + 1) / 2));
                    }
                });
            }
        });
    }

    #[test]
    fn a_panic_in_a_task_reaches_the_caller_and_the_helper_serves_on() {
        for _ in 0..20 {
            let caught = std::panic::catch_unwind(|| {
                run_tasks! { true;
                    _slow = || std::thread::sleep(std::time::Duration::from_millis(1)),
                    _bad = || -> u8 { panic!("task failed") },
                }
            });
            assert!(caught.is_err());
        }
        run_tasks! { true; a = || 1, b = || 2 }
        assert_eq!(a + b, 3);
    }
}

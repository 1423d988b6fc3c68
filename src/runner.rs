//! Runs the selected gates concurrently on tokio: at most `jobs` at once, each on a blocking
//! thread (gates are CPU- or process-bound), each bounded by its timeout. A gate that fails,
//! panics or times out becomes an ERROR result; it never takes the others down. Results come back
//! in config order, whatever finished first.

use crate::config::GateSpec;
use crate::gates::{Cancel, GateCx, GateOutput};
use crate::model::Report;
use crate::walk::{RepoIndex, Selector};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the runner needs besides the gates.
#[derive(Clone)]
pub struct RunEnv {
    pub root: PathBuf,
    pub config_dir: PathBuf,
    pub repo: Arc<RepoIndex>,
    pub base: Option<String>,
    pub baseline: Option<Arc<Report>>,
    pub jobs: usize,
    /// `check --write-baseline`.
    pub write_baseline: bool,
}

/// One gate's raw outcome.
pub struct Outcome {
    pub output: Result<GateOutput, String>,
    pub duration: Duration,
}

/// Progress events, for the live display.
pub trait Progress: Send + Sync {
    fn started(&self, _id: &str) {}
    fn finished(&self, _id: &str, _ok: bool) {}
}

/// No progress display.
pub struct Silent;
impl Progress for Silent {}

/// One gate to run, with the environment it runs in (workspace members each have their own).
pub struct Job {
    pub spec: GateSpec,
    pub env: Arc<RunEnv>,
}

/// Runs `gates` in one environment and returns their outcomes in the same order.
pub fn run(gates: &[GateSpec], env: &RunEnv, progress: Arc<dyn Progress>) -> Vec<Outcome> {
    let shared = Arc::new(env.clone());
    let jobs = gates
        .iter()
        .map(|g| Job {
            spec: g.clone(),
            env: shared.clone(),
        })
        .collect();
    run_jobs(jobs, env.jobs, progress)
}

/// Runs jobs, at most `max` at once, and returns their outcomes in the same order.
pub fn run_jobs(jobs: Vec<Job>, max: usize, progress: Arc<dyn Progress>) -> Vec<Outcome> {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(max.max(1) + 4)
        // Parsers recurse over nesting (each bounded); a roomy stack keeps debug builds safe
        // too. Only the pages a thread touches are committed.
        .thread_stack_size(64 << 20)
        .enable_time()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return jobs
                .iter()
                .map(|_| Outcome {
                    output: Err(format!("cannot start the runtime: {e}")),
                    duration: Duration::ZERO,
                })
                .collect();
        }
    };
    // A workspace run (several environments) keeps the cores busy with `max` gates at once:
    // each gate's own workers get an equal share of the cores instead of all of them.
    let lanes: Vec<usize> = jobs.iter().map(|j| Arc::as_ptr(&j.env) as usize).collect();
    let several = lanes.iter().any(|&l| l != lanes[0]);
    if several && jobs.len() > max {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        crate::gates::set_threads((cores / max.max(1)).max(1));
    }
    let order = start_order(&lanes, max);
    let outcomes = rt.block_on(run_all(jobs, order, max, progress));
    crate::gates::set_threads(0);
    // Gates that ignored cancellation may still be running: do not wait for them.
    rt.shutdown_timeout(Duration::from_millis(50));
    outcomes
}

/// Gates running now, for the message of an interrupted run.
static RUNNING: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// The ids of the gates running now (started, not finished).
pub fn running_gates() -> Vec<String> {
    RUNNING.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Keeps a gate in [`RUNNING`] while it runs.
struct Running(String);

impl Running {
    fn new(id: &str) -> Running {
        RUNNING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(id.to_string());
        Running(id.to_string())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let mut g = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = g.iter().position(|x| *x == self.0) {
            g.remove(i);
        }
    }
}

/// The order jobs start in. Jobs of one environment (a workspace member) read the same files;
/// run side by side, they would queue on each file's read lock in lockstep. So members are
/// taken `max` at a time and interleaved: the first gate of each, then the second of each, and
/// so on. Gates running at once then read different members' files, while a member's files
/// still stay in the shared cache only until its own later gates have read them (memory stays
/// bounded by `max` members, not the repository). One environment: the config order.
fn start_order(lanes: &[usize], max: usize) -> Vec<usize> {
    let max = max.max(1);
    // Lanes in order of first appearance, each with its jobs in config order.
    let mut by_lane: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, &lane) in lanes.iter().enumerate() {
        match by_lane.iter_mut().find(|(l, _)| *l == lane) {
            Some((_, v)) => v.push(i),
            None => by_lane.push((lane, vec![i])),
        }
    }
    let mut order = Vec::with_capacity(lanes.len());
    for window in by_lane.chunks(max) {
        let deepest = window.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
        for k in 0..deepest {
            order.extend(window.iter().filter_map(|(_, v)| v.get(k).copied()));
        }
    }
    order
}

async fn run_all(
    jobs: Vec<Job>,
    order: Vec<usize>,
    max: usize,
    progress: Arc<dyn Progress>,
) -> Vec<Outcome> {
    let sem = Arc::new(tokio::sync::Semaphore::new(max.max(1)));
    let mut slots: Vec<Option<Job>> = jobs.into_iter().map(Some).collect();
    let mut handles: Vec<Option<tokio::task::JoinHandle<Outcome>>> =
        (0..slots.len()).map(|_| None).collect();
    for i in order {
        let Some(Job { spec, env }) = slots[i].take() else {
            continue;
        };
        let sem = sem.clone();
        let progress = progress.clone();
        let root = env.root.clone();
        let config_dir = env.config_dir.clone();
        let repo = env.repo.clone();
        let base = env.base.clone();
        let baseline = env.baseline.clone();
        let write_baseline = env.write_baseline;
        handles[i] = Some(tokio::spawn(async move {
            let _permit = sem.acquire_owned().await.ok();
            let start = Instant::now();
            progress.started(&spec.id);
            let _running = Running::new(&spec.id);
            let selector = match Selector::new(&spec.include, &spec.exclude) {
                Ok(s) => s,
                Err(e) => {
                    return Outcome {
                        output: Err(format!("invalid glob: {e}")),
                        duration: start.elapsed(),
                    };
                }
            };
            let cancel = Cancel::default();
            let deadline = start + spec.timeout;
            let task_cancel = cancel.clone();
            let gate = spec.gate.clone();
            let id = spec.id.clone();
            let include = spec.include.clone();
            let task = tokio::task::spawn_blocking(move || {
                let cx = GateCx {
                    id: &id,
                    root: &root,
                    config_dir: &config_dir,
                    repo: &repo,
                    selector: &selector,
                    include: &include,
                    base: base.as_deref(),
                    baseline: baseline.as_deref(),
                    cancel: &task_cancel,
                    deadline: Some(deadline),
                    write_baseline,
                };
                gate.run(&cx)
            });
            let output = match tokio::time::timeout(spec.timeout, task).await {
                Ok(Ok(Ok(out))) => Ok(out),
                Ok(Ok(Err(e))) => Err(format!("{e:#}")),
                Ok(Err(join)) => Err(if join.is_panic() {
                    let p = join.into_panic();
                    let msg = p
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| p.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    format!("the gate crashed (a bug in gatekeep, please report it): {msg}")
                } else {
                    "the gate was cancelled".into()
                }),
                Err(_) => {
                    cancel.cancel();
                    Err(format!(
                        "timed out after {}; raise `timeout` in the gate's config if this is expected",
                        humantime(spec.timeout)
                    ))
                }
            };
            progress.finished(&spec.id, output.is_ok());
            Outcome {
                output,
                duration: start.elapsed(),
            }
        }));
    }
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        let o = match h {
            Some(h) => h.await.map_err(|e| format!("the gate's task failed: {e}")),
            None => Err("the gate was never started".to_string()),
        };
        out.push(o.unwrap_or_else(|e| Outcome {
            output: Err(e),
            duration: Duration::ZERO,
        }));
    }
    out
}

/// `300s` → `5m`, `90s` → `90s`, `1.5s` → `1.5s`.
pub fn humantime(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 60.0 && s % 60.0 == 0.0 {
        format!("{}m", s as u64 / 60)
    } else {
        format!("{}s", crate::threshold::trim_num(s, 3))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Syntax, parse};

    fn env(dir: &std::path::Path) -> RunEnv {
        RunEnv {
            root: dir.to_path_buf(),
            config_dir: dir.to_path_buf(),
            repo: Arc::new(RepoIndex::from_files(dir, [])),
            base: None,
            baseline: None,
            jobs: 4,
            write_baseline: false,
        }
    }

    #[test]
    fn results_in_config_order_whatever_finishes_first() {
        let d = tempfile::tempdir().unwrap();
        let cfg = parse(
            "[gates.slow]\nkind = \"command\"\nrun = \"sleep 0.3; exit 1\"\n\
             [gates.fast]\nkind = \"command\"\nrun = \"exit 2\"\n",
            "gates.toml",
            Syntax::Toml,
            d.path(),
        )
        .unwrap();
        let out = run(&cfg.gates, &env(d.path()), Arc::new(Silent));
        let codes: Vec<f64> = out
            .iter()
            .map(|o| o.output.as_ref().unwrap().metrics[0].value)
            .collect();
        assert_eq!(codes, vec![1.0, 2.0]);
    }

    #[test]
    fn timeout_is_an_error_and_others_still_run() {
        let d = tempfile::tempdir().unwrap();
        let cfg = parse(
            "[gates.hang]\nkind = \"command\"\nrun = \"sleep 20\"\ntimeout = \"300ms\"\n\
             [gates.ok]\nkind = \"command\"\nrun = \"true\"\n",
            "gates.toml",
            Syntax::Toml,
            d.path(),
        )
        .unwrap();
        let start = Instant::now();
        let out = run(&cfg.gates, &env(d.path()), Arc::new(Silent));
        assert!(start.elapsed() < Duration::from_secs(10));
        let e = out[0].output.as_ref().unwrap_err();
        assert!(
            e.contains("timed out") || e.contains("process group was killed"),
            "{e}"
        );
        assert!(out[1].output.is_ok());
    }

    #[test]
    fn start_order_interleaves_members_by_window() {
        // One environment: config order.
        assert_eq!(start_order(&[7, 7, 7], 2), vec![0, 1, 2]);
        // Three members (lanes 1, 2, 3) of three gates each, two at once: members 1 and 2
        // interleaved gate by gate, then member 3.
        let lanes = [1, 1, 1, 2, 2, 2, 3, 3, 3];
        assert_eq!(start_order(&lanes, 2), vec![0, 3, 1, 4, 2, 5, 6, 7, 8]);
        // Uneven members; every job exactly once.
        let lanes = [1, 2, 2, 2, 3];
        let o = start_order(&lanes, 3);
        assert_eq!(o, vec![0, 1, 4, 2, 3]);
        let mut sorted = o.clone();
        sorted.sort();
        assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn humantime_formats() {
        assert_eq!(humantime(Duration::from_secs(300)), "5m");
        assert_eq!(humantime(Duration::from_millis(300)), "0.3s");
    }
}

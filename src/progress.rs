//! The live progress display on stderr (only when stderr is a terminal, never with --quiet).

use crate::runner::Progress;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

pub struct Live {
    multi: MultiProgress,
    bars: Mutex<HashMap<String, ProgressBar>>,
}

impl Live {
    pub fn new() -> Live {
        Live {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr()),
            bars: Mutex::new(HashMap::new()),
        }
    }
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress for Live {
    fn started(&self, id: &str) {
        let bar = self.multi.add(ProgressBar::new_spinner());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(format!("gate {id}"));
        bar.enable_steady_tick(Duration::from_millis(100));
        if let Ok(mut b) = self.bars.lock() {
            b.insert(id.to_string(), bar);
        }
    }
    fn finished(&self, id: &str, _ok: bool) {
        if let Ok(mut b) = self.bars.lock()
            && let Some(bar) = b.remove(id)
        {
            bar.finish_and_clear();
        }
    }
}

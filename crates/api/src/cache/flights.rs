//! Answers being computed, one at a time per slot: when many officials open the same county or
//! the same 区域总览 just after a write, the first computes it and the others wait for it and
//! read what it kept, instead of every one loading and projecting the same county at once.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

pub(crate) struct Flights<K> {
    running: Mutex<HashMap<K, Arc<AsyncMutex<()>>>>,
}

impl<K> Default for Flights<K> {
    fn default() -> Self {
        Flights {
            running: Mutex::default(),
        }
    }
}

/// The turn of one request at computing a slot's answer; the next waiting request's turn
/// starts when it is dropped (answered, failed or cancelled alike).
pub(crate) struct Turn<'a, K> {
    flights: &'a Flights<K>,
    guard: Option<OwnedMutexGuard<()>>,
    /// Another request held the slot before this one: it may have kept the answer.
    pub waited: bool,
}

impl<K: Hash + Eq> Flights<K> {
    /// Waits until no other request computes `key`, then holds it.
    pub(crate) async fn turn(&self, key: K) -> Turn<'_, K> {
        let lock = {
            let mut running = self.running.lock().expect("flights");
            running.entry(key).or_default().clone()
        };
        let (guard, waited) = match lock.clone().try_lock_owned() {
            Ok(g) => (g, false),
            Err(_) => (lock.lock_owned().await, true),
        };
        Turn {
            flights: self,
            guard: Some(guard),
            waited,
        }
    }

    /// Slots held or waited for now.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.running.lock().expect("flights").len()
    }
}

impl<K> Drop for Turn<'_, K> {
    fn drop(&mut self) {
        self.guard.take();
        // A request takes its first handle on a slot under this mutex, so a slot whose only
        // handle is the map's has nobody holding or waiting for it (a waiter dropped mid-wait
        // is swept here too).
        let mut running = self.flights.running.lock().expect("flights");
        running.retain(|_, lock| Arc::strong_count(lock) > 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_second_request_waits_for_the_first_and_the_slot_is_then_forgotten() {
        let f = Arc::new(Flights::<String>::default());
        let first = f.turn("a".into()).await;
        assert!(!first.waited);
        // Another slot is not held up.
        let other = f.turn("b".into()).await;
        assert!(!other.waited);
        drop(other);

        let (tx, mut rx) = tokio::sync::oneshot::channel();
        let f2 = f.clone();
        let second = tokio::spawn(async move {
            let t = f2.turn("a".into()).await;
            tx.send(t.waited).unwrap();
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(
            rx.try_recv().is_err(),
            "waits while the first holds the slot"
        );
        drop(first);
        second.await.unwrap();
        assert!(rx.await.unwrap(), "the second waited");
        assert_eq!(f.len(), 0, "no slot is left behind");
    }

    #[tokio::test]
    async fn a_waiter_whose_request_is_dropped_leaves_nothing_behind() {
        let f = Arc::new(Flights::<String>::default());
        let first = f.turn("a".into()).await;
        let f2 = f.clone();
        let waiting = tokio::spawn(async move {
            let _t = f2.turn("a".into()).await;
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        waiting.abort();
        let _ = waiting.await;
        drop(first);
        assert_eq!(f.len(), 0);
        assert!(!f.turn("a".into()).await.waited);
    }
}

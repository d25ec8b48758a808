//! Reading at start: every stored chunk read in one transaction and handed out undecoded, one
//! at a time.

use super::*;

/// Every stored chunk, read in one transaction and not decoded yet: [`Chunks::next`] decodes one
/// at a time (an iterator), so that the page can run between them (decoding 50,000 Usaha in one go held it for
/// 700 ms at 4× CPU slowdown). Usaha come first, the kind the first screens show.
pub struct Chunks {
    /// The store's count of writes when the chunks were read (see [`screens`]).
    pub writes: u64,
    kinds: Vec<(Kind, Array)>,
    /// The next chunk: a kind's position in `kinds`, a chunk's in its array.
    at: (usize, u32),
}

/// The records of each chunk in turn.
impl Iterator for Chunks {
    type Item = Result<Vec<Record>, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (kind, chunks) = self.kinds.get(self.at.0)?;
            if self.at.1 < chunks.length() {
                let chunk = chunks.get(self.at.1);
                self.at.1 += 1;
                return Some(chunk_records(kind.key(), &chunk));
            }
            self.at = (self.at.0 + 1, 0);
        }
    }
}

impl IdbStore {
    /// Reads every kind's chunks for [`Chunks::next`] to decode.
    pub async fn read_chunks(&self) -> Result<Chunks, StoreError> {
        let mut keys: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
        keys.push(SCREENS);
        let tx = self.transaction(&keys, IdbTransactionMode::Readonly)?;
        // Every request is issued before the first is awaited, all in the one transaction.
        let count = screens::ask_count(&tx)?;
        let mut requests = Vec::new();
        for kind in Kind::ALL {
            requests.push((
                kind,
                Self::object_store(&tx, kind.key())?
                    .get_all()
                    .map_err(error_of)?,
            ));
        }
        let mut kinds = Vec::with_capacity(requests.len());
        for (kind, request) in requests {
            kinds.push((kind, finished(&request).await?.unchecked_into()));
        }
        Ok(Chunks {
            writes: screens::count_of(&count).await?,
            kinds,
            at: (0, 0),
        })
    }
}

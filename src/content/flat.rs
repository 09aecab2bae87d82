//! A map by name kept as one sorted vector: what an assessment file says,
//! by city and by item. Most of these maps hold a few entries (a unit
//! inspects two to five items of a city) and are only looked up and walked
//! in order; a `BTreeMap` gives each one a node for eleven (1.2 KiB),
//! which was a third of the content's memory at 3,000 cities.

use std::collections::BTreeMap;

/// Entries sorted by key, each key once.
#[derive(Clone, Debug, PartialEq)]
pub struct FlatMap<V>(Vec<(String, V)>);

impl<V> Default for FlatMap<V> {
    fn default() -> Self {
        FlatMap(Vec::new())
    }
}

impl<V> FlatMap<V> {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    /// Values in the order of their keys.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }

    /// Entries in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &V)> + ExactSizeIterator {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V> From<BTreeMap<String, V>> for FlatMap<V> {
    fn from(map: BTreeMap<String, V>) -> Self {
        FlatMap(map.into_iter().collect())
    }
}

/// As `BTreeMap` collects: sorted, and of a key given twice the last kept.
impl<V> FromIterator<(String, V)> for FlatMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut v: Vec<(String, V)> = iter.into_iter().collect();
        if v.is_sorted_by(|a, b| a.0 < b.0) {
            return FlatMap(v);
        }
        // Stable: of equal keys the last stays last, and is the one kept.
        v.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, V)> = Vec::with_capacity(v.len());
        for (k, val) in v {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = val,
                _ => out.push((k, val)),
            }
        }
        FlatMap(out)
    }
}

impl<V> IntoIterator for FlatMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a FlatMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::FlatMap;

    #[test]
    fn collects_as_a_btreemap_does() {
        let pairs = [("b", 1), ("a", 2), ("c", 3), ("a", 4), ("b", 5)];
        let flat: FlatMap<i32> = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let tree: std::collections::BTreeMap<String, i32> = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assert_eq!(flat.iter().collect::<Vec<_>>(), tree.iter().collect::<Vec<_>>());
        assert_eq!(FlatMap::from(tree.clone()), flat);
        for k in ["a", "b", "c", "d", ""] {
            assert_eq!(flat.get(k), tree.get(k));
            assert_eq!(flat.contains_key(k), tree.contains_key(k));
        }
        assert_eq!((flat.len(), flat.is_empty()), (3, false));
        assert!(FlatMap::<i32>::default().is_empty());
    }
}

//! The iterators of [`CppVector`]: by index through the element operations, so they work for
//! every element type (strings too, whose elements are not Rust values).

use core::iter::FusedIterator;
use core::marker::PhantomData;

use super::{CppVector, VectorElement};

/// Iterator over `&T::Elem` of a [`CppVector`] ([`CppVector::iter`], `for x in &v`):
/// double-ended and of exact size.
pub struct VectorIter<'a, T: VectorElement> {
    v: &'a CppVector<T>,
    front: usize,
    back: usize,
}

impl<'a, T: VectorElement> VectorIter<'a, T> {
    pub(super) fn new(v: &'a CppVector<T>) -> Self {
        VectorIter {
            v,
            front: 0,
            back: v.len(),
        }
    }

    fn at(&self, i: usize) -> &'a T::Elem {
        // SAFETY: `i < len` (the range shrinks from `0..len`, and `&'a` keeps the vector
        // unchanged); the element lives as long as the shared borrow.
        unsafe { &*T::__get(self.v, i) }
    }
}

impl<T: VectorElement> Clone for VectorIter<'_, T> {
    fn clone(&self) -> Self {
        VectorIter { ..*self }
    }
}

impl<'a, T: VectorElement> Iterator for VectorIter<'a, T> {
    type Item = &'a T::Elem;

    fn next(&mut self) -> Option<&'a T::Elem> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.at(self.front - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<&'a T::Elem> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
}

impl<'a, T: VectorElement> DoubleEndedIterator for VectorIter<'a, T> {
    fn next_back(&mut self) -> Option<&'a T::Elem> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.at(self.back)
        })
    }
}

impl<T: VectorElement> ExactSizeIterator for VectorIter<'_, T> {}
impl<T: VectorElement> FusedIterator for VectorIter<'_, T> {}

/// Iterator over `&mut T::Elem` of a [`CppVector`] ([`CppVector::iter_mut`],
/// `for x in &mut v`): double-ended and of exact size.
///
/// `Send`/`Sync` like `&mut CppVector<T>`: exactly when `T` is.
pub struct VectorIterMut<'a, T: VectorElement> {
    v: *mut CppVector<T>,
    front: usize,
    back: usize,
    _borrow: PhantomData<&'a mut CppVector<T>>,
}

// SAFETY: it is a `&'a mut CppVector<T>` handing out disjoint elements.
unsafe impl<T: VectorElement + Send> Send for VectorIterMut<'_, T> {}
unsafe impl<T: VectorElement + Sync> Sync for VectorIterMut<'_, T> {}

impl<'a, T: VectorElement> VectorIterMut<'a, T> {
    pub(super) fn new(v: &'a mut CppVector<T>) -> Self {
        let back = v.len();
        VectorIterMut {
            v,
            front: 0,
            back,
            _borrow: PhantomData,
        }
    }

    fn at(&mut self, i: usize) -> &'a mut T::Elem {
        // SAFETY: `i < len` and each index is handed out once (the range only shrinks), so
        // the `&mut` elements are disjoint; the vector is exclusively borrowed for `'a` and
        // not a C++ `const` object, so writing through the element pointer is allowed.
        unsafe { &mut *(T::__get(self.v, i) as *mut T::Elem) }
    }
}

impl<'a, T: VectorElement> Iterator for VectorIterMut<'a, T> {
    type Item = &'a mut T::Elem;

    fn next(&mut self) -> Option<&'a mut T::Elem> {
        if self.front < self.back {
            self.front += 1;
            Some(self.at(self.front - 1))
        } else {
            None
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<&'a mut T::Elem> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
}

impl<'a, T: VectorElement> DoubleEndedIterator for VectorIterMut<'a, T> {
    fn next_back(&mut self) -> Option<&'a mut T::Elem> {
        if self.front < self.back {
            self.back -= 1;
            Some(self.at(self.back))
        } else {
            None
        }
    }
}

impl<T: VectorElement> ExactSizeIterator for VectorIterMut<'_, T> {}
impl<T: VectorElement> FusedIterator for VectorIterMut<'_, T> {}

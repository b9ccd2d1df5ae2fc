// C++ half of the relocxx bindings `basics`. Generated; do not edit.
#include "basics.h"

// Deprecated C++ functions are bound too (the Rust side is #[deprecated]): calling them
// here is not the user's use, so the compiler need not warn.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

// Layout facts the Rust side relies on.
static_assert(std::is_same<std::underlying_type_t<::Plain>, unsigned int>::value,
              "relocxx: the underlying type of Plain changed since the bindings were generated; regenerate them");
static_assert(std::is_same<std::underlying_type_t<::geo::Color>, std::uint8_t>::value,
              "relocxx: the underlying type of geo::Color changed since the bindings were generated; regenerate them");
static_assert(std::is_same<std::underlying_type_t<::geo::Sparse>, int>::value,
              "relocxx: the underlying type of geo::Sparse changed since the bindings were generated; regenerate them");
static_assert(std::is_same<std::underlying_type_t<::geo::Wide>, std::int64_t>::value,
              "relocxx: the underlying type of geo::Wide changed since the bindings were generated; regenerate them");
static_assert(std::is_same<std::underlying_type_t<::geo::Big>, std::uint64_t>::value,
              "relocxx: the underlying type of geo::Big changed since the bindings were generated; regenerate them");
static_assert(sizeof(::geo::Point) == 8,
              "relocxx: the size of geo::Point changed since the bindings were generated; regenerate them");
static_assert(alignof(::geo::Point) == 4,
              "relocxx: the alignment of geo::Point changed since the bindings were generated; regenerate them");
static_assert(std::is_trivially_copyable<::geo::Point>::value && std::is_standard_layout<::geo::Point>::value,
              "relocxx: trivial copyability / standard layout of geo::Point changed since the bindings were generated; regenerate them");
static_assert(offsetof(::geo::Point, x) == 0,
              "relocxx: the offset of `x` of geo::Point changed since the bindings were generated; regenerate them");
static_assert(offsetof(::geo::Point, y) == 4,
              "relocxx: the offset of `y` of geo::Point changed since the bindings were generated; regenerate them");
static_assert(std::is_trivially_copyable<::geo::Point>::value,
              "relocxx: the relocatability trait of geo::Point changed since the bindings were generated; regenerate them");
static_assert(sizeof(::geo::Rect) == 40,
              "relocxx: the size of geo::Rect changed since the bindings were generated; regenerate them");
static_assert(alignof(::geo::Rect) == 8,
              "relocxx: the alignment of geo::Rect changed since the bindings were generated; regenerate them");
static_assert(std::is_trivially_copyable<::geo::Rect>::value && std::is_standard_layout<::geo::Rect>::value,
              "relocxx: trivial copyability / standard layout of geo::Rect changed since the bindings were generated; regenerate them");
static_assert(offsetof(::geo::Rect, origin) == 0,
              "relocxx: the offset of `origin` of geo::Rect changed since the bindings were generated; regenerate them");
static_assert(offsetof(::geo::Rect, size) == 8,
              "relocxx: the offset of `size` of geo::Rect changed since the bindings were generated; regenerate them");
static_assert(offsetof(::geo::Rect, color) == 16,
              "relocxx: the offset of `color` of geo::Rect changed since the bindings were generated; regenerate them");
static_assert(offsetof(::geo::Rect, weight) == 24,
              "relocxx: the offset of `weight` of geo::Rect changed since the bindings were generated; regenerate them");
static_assert(offsetof(::geo::Rect, tag) == 32,
              "relocxx: the offset of `tag` of geo::Rect changed since the bindings were generated; regenerate them");
static_assert(std::is_trivially_copyable<::geo::Rect>::value,
              "relocxx: the relocatability trait of geo::Rect changed since the bindings were generated; regenerate them");
static_assert(sizeof(::geo::Aligned) == 16,
              "relocxx: the size of geo::Aligned changed since the bindings were generated; regenerate them");
static_assert(alignof(::geo::Aligned) == 16,
              "relocxx: the alignment of geo::Aligned changed since the bindings were generated; regenerate them");
static_assert(std::is_trivially_copyable<::geo::Aligned>::value && std::is_standard_layout<::geo::Aligned>::value,
              "relocxx: trivial copyability / standard layout of geo::Aligned changed since the bindings were generated; regenerate them");
static_assert(offsetof(::geo::Aligned, v) == 0,
              "relocxx: the offset of `v` of geo::Aligned changed since the bindings were generated; regenerate them");
static_assert(std::is_trivially_copyable<::geo::Aligned>::value,
              "relocxx: the relocatability trait of geo::Aligned changed since the bindings were generated; regenerate them");
static_assert(sizeof(::geo::Widget) == 4,
              "relocxx: the size of geo::Widget changed since the bindings were generated; regenerate them");
static_assert(alignof(::geo::Widget) == 4,
              "relocxx: the alignment of geo::Widget changed since the bindings were generated; regenerate them");
static_assert(std::is_trivially_copyable<::geo::Widget>::value,
              "relocxx: the relocatability trait of geo::Widget changed since the bindings were generated; regenerate them");
static_assert(sizeof(::geo::Packed) == 5,
              "relocxx: the size of geo::Packed changed since the bindings were generated; regenerate them");
static_assert(alignof(::geo::Packed) == 1,
              "relocxx: the alignment of geo::Packed changed since the bindings were generated; regenerate them");
static_assert(std::is_trivially_copyable<::geo::Packed>::value,
              "relocxx: the relocatability trait of geo::Packed changed since the bindings were generated; regenerate them");

extern "C" int relocxx_basics_3add(int a0, int a1) noexcept {
    try {
        return ::add(a0, a1);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("add");
    }
}

extern "C" double relocxx_basics_5scale(double a0, float a1) noexcept {
    return ::scale(a0, a1);
}

extern "C" bool relocxx_basics_7is_even(long long a0) noexcept {
    try {
        return ::is_even(a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("is_even");
    }
}

extern "C" unsigned char relocxx_basics_8low_byte(unsigned int a0) noexcept {
    try {
        return ::low_byte(a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("low_byte");
    }
}

extern "C" std::int64_t relocxx_basics_5widen(std::int32_t a0) noexcept {
    try {
        return ::widen(a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("widen");
    }
}

extern "C" std::uint64_t relocxx_basics_7sum_u64(std::uint64_t const* a0, std::size_t a1) noexcept {
    try {
        return ::sum_u64(a0, a1);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("sum_u64");
    }
}

extern "C" std::size_t relocxx_basics_13string_length(char const* a0) noexcept {
    try {
        return ::string_length(a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("string_length");
    }
}

extern "C" void relocxx_basics_3geo5Point3new(::geo::Point* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Point();
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::Point::Point");
    }
}

static_assert(sizeof(std::unique_ptr<::geo::Point>) == sizeof(void*), "relocxx: UniquePtr assumes a one-pointer std::unique_ptr");

extern "C" void relocxx_basics_3geo5Point7_udrop_(std::unique_ptr<::geo::Point>* p) noexcept {
    p->~unique_ptr();
}

extern "C" ::geo::Point* relocxx_basics_3geo5Point6_uget_(std::unique_ptr<::geo::Point> const* p) noexcept {
    return p->get();
}

extern "C" void relocxx_basics_3geo5Point7_ufrom_(std::unique_ptr<::geo::Point>* out, ::geo::Point* p) noexcept {
    ::new (static_cast<void*>(out)) std::unique_ptr<::geo::Point>(p);
}

extern "C" ::geo::Point* relocxx_basics_3geo5Point10_urelease_(std::unique_ptr<::geo::Point>* p) noexcept {
    return p->release();
}

extern "C" void relocxx_basics_3geo4Rect3new(::geo::Rect* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Rect();
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::Rect::Rect");
    }
}

static_assert(sizeof(std::unique_ptr<::geo::Rect>) == sizeof(void*), "relocxx: UniquePtr assumes a one-pointer std::unique_ptr");

extern "C" void relocxx_basics_3geo4Rect7_udrop_(std::unique_ptr<::geo::Rect>* p) noexcept {
    p->~unique_ptr();
}

extern "C" ::geo::Rect* relocxx_basics_3geo4Rect6_uget_(std::unique_ptr<::geo::Rect> const* p) noexcept {
    return p->get();
}

extern "C" void relocxx_basics_3geo4Rect7_ufrom_(std::unique_ptr<::geo::Rect>* out, ::geo::Rect* p) noexcept {
    ::new (static_cast<void*>(out)) std::unique_ptr<::geo::Rect>(p);
}

extern "C" ::geo::Rect* relocxx_basics_3geo4Rect10_urelease_(std::unique_ptr<::geo::Rect>* p) noexcept {
    return p->release();
}

extern "C" void relocxx_basics_3geo7Aligned3new(::geo::Aligned* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Aligned();
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::Aligned::Aligned");
    }
}

static_assert(sizeof(std::unique_ptr<::geo::Aligned>) == sizeof(void*), "relocxx: UniquePtr assumes a one-pointer std::unique_ptr");

extern "C" void relocxx_basics_3geo7Aligned7_udrop_(std::unique_ptr<::geo::Aligned>* p) noexcept {
    p->~unique_ptr();
}

extern "C" ::geo::Aligned* relocxx_basics_3geo7Aligned6_uget_(std::unique_ptr<::geo::Aligned> const* p) noexcept {
    return p->get();
}

extern "C" void relocxx_basics_3geo7Aligned7_ufrom_(std::unique_ptr<::geo::Aligned>* out, ::geo::Aligned* p) noexcept {
    ::new (static_cast<void*>(out)) std::unique_ptr<::geo::Aligned>(p);
}

extern "C" ::geo::Aligned* relocxx_basics_3geo7Aligned10_urelease_(std::unique_ptr<::geo::Aligned>* p) noexcept {
    return p->release();
}

extern "C" int relocxx_basics_3geo4area(::geo::Rect const* a0) noexcept {
    try {
        return ::geo::area(*a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::area");
    }
}

extern "C" void relocxx_basics_3geo10make_point(int a0, int a1, ::geo::Point* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Point(::geo::make_point(a0, a1));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::make_point");
    }
}

extern "C" void relocxx_basics_3geo9make_rect(::geo::Point const* a0, ::geo::Point const* a1, std::underlying_type_t<::geo::Color> a2, ::geo::Rect* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Rect(::geo::make_rect(*a0, *a1, static_cast<::geo::Color>(a2)));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::make_rect");
    }
}

extern "C" void relocxx_basics_3geo9translate(::geo::Point const* a0, ::geo::Point const* a1, ::geo::Point* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Point(::geo::translate(*a0, *a1));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::translate");
    }
}

extern "C" void relocxx_basics_3geo5shift(::geo::Point* a0, int a1, int a2) noexcept {
    try {
        ::geo::shift(*a0, a1, a2);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::shift");
    }
}

extern "C" void relocxx_basics_3geo4fill(::geo::Point* a0, int a1, int a2) noexcept {
    try {
        ::geo::fill(a0, a1, a2);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::fill");
    }
}

extern "C" std::underlying_type_t<::geo::Color> relocxx_basics_3geo3mix(std::underlying_type_t<::geo::Color> a0, std::underlying_type_t<::geo::Color> a1) noexcept {
    try {
        return static_cast<std::underlying_type_t<::geo::Color>>(::geo::mix(static_cast<::geo::Color>(a0), static_cast<::geo::Color>(a1)));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::mix");
    }
}

extern "C" std::underlying_type_t<::geo::Sparse> relocxx_basics_3geo4next(std::underlying_type_t<::geo::Sparse> a0) noexcept {
    try {
        return static_cast<std::underlying_type_t<::geo::Sparse>>(::geo::next(static_cast<::geo::Sparse>(a0)));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::next");
    }
}

extern "C" std::int64_t relocxx_basics_3geo10wide_value(std::underlying_type_t<::geo::Wide> a0) noexcept {
    try {
        return ::geo::wide_value(static_cast<::geo::Wide>(a0));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::wide_value");
    }
}

extern "C" std::underlying_type_t<::geo::Big> relocxx_basics_3geo7big_top() noexcept {
    try {
        return static_cast<std::underlying_type_t<::geo::Big>>(::geo::big_top());
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::big_top");
    }
}

extern "C" ::geo::Point const* relocxx_basics_3geo4pick(::geo::Rect const* a0, bool a1) noexcept {
    try {
        return std::addressof(::geo::pick(*a0, a1));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::pick");
    }
}

extern "C" int* relocxx_basics_3geo5coord(::geo::Point* a0, bool a1) noexcept {
    try {
        return std::addressof(::geo::coord(*a0, a1));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::coord");
    }
}

extern "C" void relocxx_basics_3geo12make_aligned(float a0, ::geo::Aligned* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Aligned(::geo::make_aligned(a0));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::make_aligned");
    }
}

extern "C" int relocxx_basics_3geo22length_const_Point_ref(::geo::Point const* a0) noexcept {
    try {
        return ::geo::length(*a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::length");
    }
}

extern "C" int relocxx_basics_3geo21length_const_Rect_ref(::geo::Rect const* a0) noexcept {
    try {
        return ::geo::length(*a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::length");
    }
}

extern "C" double relocxx_basics_3geo20length_double_double(double a0, double a1) noexcept {
    try {
        return ::geo::length(a0, a1);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::length");
    }
}

extern "C" int relocxx_basics_3geo6length() noexcept {
    try {
        return ::geo::length();
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::length");
    }
}

extern "C" int relocxx_basics_3geo6detail6helper(int a0) noexcept {
    try {
        return ::geo::detail::helper(a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::detail::helper");
    }
}

extern "C" void relocxx_basics_3geo6detail6mirror(::geo::Point const* a0, ::geo::Point* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Point(::geo::detail::mirror(*a0));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::detail::mirror");
    }
}

extern "C" int relocxx_basics_3geo2v17version() noexcept {
    try {
        return ::geo::v1::version();
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::v1::version");
    }
}

extern "C" int relocxx_basics_3geo4type(int a0) noexcept {
    try {
        return ::geo::type(a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::type");
    }
}

extern "C" int relocxx_basics_3geo7checked(int a0, bool a1) noexcept {
    try {
        return ::geo::checked(a0, a1);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::checked");
    }
}

extern "C" void relocxx_basics_3geo6Widget3new(::geo::Widget* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Widget();
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::Widget::Widget");
    }
}

extern "C" int relocxx_basics_3geo6Widget3get(::geo::Widget const* self) noexcept {
    try {
        return ::relocxx::restart_lifetime(self)->get();
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::Widget::get");
    }
}

extern "C" void relocxx_basics_3geo6Widget6_drop_(::geo::Widget* self) noexcept {
    std::destroy_at(::relocxx::restart_lifetime(self));
}

extern "C" void relocxx_basics_3geo6Widget7_clone_(::geo::Widget const* self, ::geo::Widget* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Widget(*::relocxx::restart_lifetime(self));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::Widget (copy constructor)");
    }
}

static_assert(sizeof(std::unique_ptr<::geo::Widget>) == sizeof(void*), "relocxx: UniquePtr assumes a one-pointer std::unique_ptr");

extern "C" void relocxx_basics_3geo6Widget7_udrop_(std::unique_ptr<::geo::Widget>* p) noexcept {
    p->~unique_ptr();
}

extern "C" ::geo::Widget* relocxx_basics_3geo6Widget6_uget_(std::unique_ptr<::geo::Widget> const* p) noexcept {
    return p->get();
}

extern "C" void relocxx_basics_3geo6Widget7_ufrom_(std::unique_ptr<::geo::Widget>* out, ::geo::Widget* p) noexcept {
    ::new (static_cast<void*>(out)) std::unique_ptr<::geo::Widget>(p);
}

extern "C" ::geo::Widget* relocxx_basics_3geo6Widget10_urelease_(std::unique_ptr<::geo::Widget>* p) noexcept {
    return p->release();
}

extern "C" std::size_t relocxx_basics_3geo11name_length(std::string const* a0) noexcept {
    try {
        return ::geo::name_length(*a0);
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::name_length");
    }
}

extern "C" int relocxx_basics_3geo12takes_widget(::geo::Widget const* a0) noexcept {
    try {
        return ::geo::takes_widget(*::relocxx::restart_lifetime(a0));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::takes_widget");
    }
}

extern "C" void relocxx_basics_3geo6Packed3new(::geo::Packed* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Packed();
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::Packed::Packed");
    }
}

extern "C" void relocxx_basics_3geo6Packed6_drop_(::geo::Packed* self) noexcept {
    std::destroy_at(::relocxx::restart_lifetime(self));
}

extern "C" void relocxx_basics_3geo6Packed7_clone_(::geo::Packed const* self, ::geo::Packed* ret) noexcept {
    try {
        ::new (static_cast<void*>(ret)) ::geo::Packed(*::relocxx::restart_lifetime(self));
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::Packed (copy constructor)");
    }
}

static_assert(sizeof(std::unique_ptr<::geo::Packed>) == sizeof(void*), "relocxx: UniquePtr assumes a one-pointer std::unique_ptr");

extern "C" void relocxx_basics_3geo6Packed7_udrop_(std::unique_ptr<::geo::Packed>* p) noexcept {
    p->~unique_ptr();
}

extern "C" ::geo::Packed* relocxx_basics_3geo6Packed6_uget_(std::unique_ptr<::geo::Packed> const* p) noexcept {
    return p->get();
}

extern "C" void relocxx_basics_3geo6Packed7_ufrom_(std::unique_ptr<::geo::Packed>* out, ::geo::Packed* p) noexcept {
    ::new (static_cast<void*>(out)) std::unique_ptr<::geo::Packed>(p);
}

extern "C" ::geo::Packed* relocxx_basics_3geo6Packed10_urelease_(std::unique_ptr<::geo::Packed>* p) noexcept {
    return p->release();
}

extern "C" std::add_pointer_t<int(int)> relocxx_basics_3geo12get_callback() noexcept {
    try {
        return ::geo::get_callback();
    } catch (...) {
        ::relocxx::detail::abort_on_exception("geo::get_callback");
    }
}

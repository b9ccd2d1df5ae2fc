// C++ half of the relocxx bindings `basics`. Generated; do not edit.
#ifndef RELOCXX_GENERATED_BASICS_H
#define RELOCXX_GENERATED_BASICS_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>

#include "include/relocxx/relocxx.hpp"

#include <basics.h>

extern "C" {
int relocxx_basics_3add(int a0, int a1) noexcept;
double relocxx_basics_5scale(double a0, float a1) noexcept;
bool relocxx_basics_7is_even(long long a0) noexcept;
unsigned char relocxx_basics_8low_byte(unsigned int a0) noexcept;
std::int64_t relocxx_basics_5widen(std::int32_t a0) noexcept;
std::uint64_t relocxx_basics_7sum_u64(std::uint64_t const* a0, std::size_t a1) noexcept;
std::size_t relocxx_basics_13string_length(char const* a0) noexcept;
void relocxx_basics_3geo5Point3new(::geo::Point* ret) noexcept;
void relocxx_basics_3geo5Point7_udrop_(std::unique_ptr<::geo::Point>* p) noexcept;
::geo::Point* relocxx_basics_3geo5Point6_uget_(std::unique_ptr<::geo::Point> const* p) noexcept;
void relocxx_basics_3geo5Point7_ufrom_(std::unique_ptr<::geo::Point>* out, ::geo::Point* p) noexcept;
::geo::Point* relocxx_basics_3geo5Point10_urelease_(std::unique_ptr<::geo::Point>* p) noexcept;
void relocxx_basics_3geo4Rect3new(::geo::Rect* ret) noexcept;
void relocxx_basics_3geo4Rect7_udrop_(std::unique_ptr<::geo::Rect>* p) noexcept;
::geo::Rect* relocxx_basics_3geo4Rect6_uget_(std::unique_ptr<::geo::Rect> const* p) noexcept;
void relocxx_basics_3geo4Rect7_ufrom_(std::unique_ptr<::geo::Rect>* out, ::geo::Rect* p) noexcept;
::geo::Rect* relocxx_basics_3geo4Rect10_urelease_(std::unique_ptr<::geo::Rect>* p) noexcept;
void relocxx_basics_3geo7Aligned3new(::geo::Aligned* ret) noexcept;
void relocxx_basics_3geo7Aligned7_udrop_(std::unique_ptr<::geo::Aligned>* p) noexcept;
::geo::Aligned* relocxx_basics_3geo7Aligned6_uget_(std::unique_ptr<::geo::Aligned> const* p) noexcept;
void relocxx_basics_3geo7Aligned7_ufrom_(std::unique_ptr<::geo::Aligned>* out, ::geo::Aligned* p) noexcept;
::geo::Aligned* relocxx_basics_3geo7Aligned10_urelease_(std::unique_ptr<::geo::Aligned>* p) noexcept;
int relocxx_basics_3geo4area(::geo::Rect const* a0) noexcept;
void relocxx_basics_3geo10make_point(int a0, int a1, ::geo::Point* ret) noexcept;
void relocxx_basics_3geo9make_rect(::geo::Point const* a0, ::geo::Point const* a1, std::underlying_type_t<::geo::Color> a2, ::geo::Rect* ret) noexcept;
void relocxx_basics_3geo9translate(::geo::Point const* a0, ::geo::Point const* a1, ::geo::Point* ret) noexcept;
void relocxx_basics_3geo5shift(::geo::Point* a0, int a1, int a2) noexcept;
void relocxx_basics_3geo4fill(::geo::Point* a0, int a1, int a2) noexcept;
std::underlying_type_t<::geo::Color> relocxx_basics_3geo3mix(std::underlying_type_t<::geo::Color> a0, std::underlying_type_t<::geo::Color> a1) noexcept;
std::underlying_type_t<::geo::Sparse> relocxx_basics_3geo4next(std::underlying_type_t<::geo::Sparse> a0) noexcept;
std::int64_t relocxx_basics_3geo10wide_value(std::underlying_type_t<::geo::Wide> a0) noexcept;
std::underlying_type_t<::geo::Big> relocxx_basics_3geo7big_top() noexcept;
::geo::Point const* relocxx_basics_3geo4pick(::geo::Rect const* a0, bool a1) noexcept;
int* relocxx_basics_3geo5coord(::geo::Point* a0, bool a1) noexcept;
void relocxx_basics_3geo12make_aligned(float a0, ::geo::Aligned* ret) noexcept;
int relocxx_basics_3geo22length_const_Point_ref(::geo::Point const* a0) noexcept;
int relocxx_basics_3geo21length_const_Rect_ref(::geo::Rect const* a0) noexcept;
double relocxx_basics_3geo20length_double_double(double a0, double a1) noexcept;
int relocxx_basics_3geo6length() noexcept;
int relocxx_basics_3geo6detail6helper(int a0) noexcept;
void relocxx_basics_3geo6detail6mirror(::geo::Point const* a0, ::geo::Point* ret) noexcept;
int relocxx_basics_3geo2v17version() noexcept;
int relocxx_basics_3geo4type(int a0) noexcept;
int relocxx_basics_3geo7checked(int a0, bool a1) noexcept;
void relocxx_basics_3geo6Widget3new(::geo::Widget* ret) noexcept;
int relocxx_basics_3geo6Widget3get(::geo::Widget const* self) noexcept;
void relocxx_basics_3geo6Widget6_drop_(::geo::Widget* self) noexcept;
void relocxx_basics_3geo6Widget7_clone_(::geo::Widget const* self, ::geo::Widget* ret) noexcept;
void relocxx_basics_3geo6Widget7_udrop_(std::unique_ptr<::geo::Widget>* p) noexcept;
::geo::Widget* relocxx_basics_3geo6Widget6_uget_(std::unique_ptr<::geo::Widget> const* p) noexcept;
void relocxx_basics_3geo6Widget7_ufrom_(std::unique_ptr<::geo::Widget>* out, ::geo::Widget* p) noexcept;
::geo::Widget* relocxx_basics_3geo6Widget10_urelease_(std::unique_ptr<::geo::Widget>* p) noexcept;
std::size_t relocxx_basics_3geo11name_length(std::string const* a0) noexcept;
int relocxx_basics_3geo12takes_widget(::geo::Widget const* a0) noexcept;
void relocxx_basics_3geo6Packed3new(::geo::Packed* ret) noexcept;
void relocxx_basics_3geo6Packed6_drop_(::geo::Packed* self) noexcept;
void relocxx_basics_3geo6Packed7_clone_(::geo::Packed const* self, ::geo::Packed* ret) noexcept;
void relocxx_basics_3geo6Packed7_udrop_(std::unique_ptr<::geo::Packed>* p) noexcept;
::geo::Packed* relocxx_basics_3geo6Packed6_uget_(std::unique_ptr<::geo::Packed> const* p) noexcept;
void relocxx_basics_3geo6Packed7_ufrom_(std::unique_ptr<::geo::Packed>* out, ::geo::Packed* p) noexcept;
::geo::Packed* relocxx_basics_3geo6Packed10_urelease_(std::unique_ptr<::geo::Packed>* p) noexcept;
std::add_pointer_t<int(int)> relocxx_basics_3geo12get_callback() noexcept;
} // extern "C"

#endif // RELOCXX_GENERATED_BASICS_H

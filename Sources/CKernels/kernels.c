// The network's two inner products. Each sum is a chain of IEEE multiplications and additions in
// a fixed order, so every path below gives the same bits: the 256-bit path only does four lanes
// at once. Fused multiply-adds would round once instead of twice and change the bits, so they
// are off.
#pragma clang fp contract(off)

#include "kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static void product_plain(const double *a, const double *w, long rows, long fan_in, long fan_out, double *o) {
  for (long r = 0; r < rows; r++) {
    const double *ar = a + r * fan_in;
    double *or_ = o + r * fan_out;
    for (long j = 0; j < fan_out; j++) or_[j] = 0;
    for (long k = 0; k < fan_in; k++) {
      if (ar[k] == 0) continue;
      const double *wk = w + k * fan_out;
      for (long j = 0; j < fan_out; j++) or_[j] += ar[k] * wk[j];
    }
  }
}

static void gradient_plain(const double *a, const double *d, long rows, long fan_in, long fan_out, double *gw) {
  for (long k = 0; k < fan_in; k++) {
    double *gk = gw + k * fan_out;
    for (long r = 0; r < rows; r++) {
      double x = a[r * fan_in + k];
      if (x == 0) continue;
      const double *dr = d + r * fan_out;
      for (long j = 0; j < fan_out; j++) gk[j] += x * dr[j];
    }
  }
  double *gb = gw + fan_in * fan_out;
  for (long r = 0; r < rows; r++)
    for (long j = 0; j < fan_out; j++) gb[j] += d[r * fan_out + j];
}

#if defined(__x86_64__)
// Eight units at a time in two 256-bit registers, the sums kept in registers over k (product) or
// over r (gradient); the units past the last multiple of eight take the plain loops.
__attribute__((target("avx2"))) static void product_wide(
    const double *a, const double *w, long rows, long fan_in, long fan_out, double *o) {
  long blocks = fan_out / 8 * 8;
  for (long r = 0; r < rows; r++) {
    const double *ar = a + r * fan_in;
    double *or_ = o + r * fan_out;
    for (long j = 0; j < blocks; j += 8) {
      __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
      for (long k = 0; k < fan_in; k++) {
        if (ar[k] == 0) continue;
        __m256d x = _mm256_set1_pd(ar[k]);
        const double *wk = w + k * fan_out + j;
        s0 = _mm256_add_pd(s0, _mm256_mul_pd(x, _mm256_loadu_pd(wk)));
        s1 = _mm256_add_pd(s1, _mm256_mul_pd(x, _mm256_loadu_pd(wk + 4)));
      }
      _mm256_storeu_pd(or_ + j, s0);
      _mm256_storeu_pd(or_ + j + 4, s1);
    }
    for (long j = blocks; j < fan_out; j++) {
      double s = 0;
      for (long k = 0; k < fan_in; k++)
        if (ar[k] != 0) s += ar[k] * w[k * fan_out + j];
      or_[j] = s;
    }
  }
}

__attribute__((target("avx2"))) static void gradient_wide(
    const double *a, const double *d, long rows, long fan_in, long fan_out, double *gw) {
  long blocks = fan_out / 8 * 8;
  for (long j = 0; j < blocks; j += 8) {
    for (long k = 0; k < fan_in; k++) {
      double *g = gw + k * fan_out + j;
      __m256d s0 = _mm256_loadu_pd(g), s1 = _mm256_loadu_pd(g + 4);
      for (long r = 0; r < rows; r++) {
        double v = a[r * fan_in + k];
        if (v == 0) continue;
        __m256d x = _mm256_set1_pd(v);
        const double *dr = d + r * fan_out + j;
        s0 = _mm256_add_pd(s0, _mm256_mul_pd(x, _mm256_loadu_pd(dr)));
        s1 = _mm256_add_pd(s1, _mm256_mul_pd(x, _mm256_loadu_pd(dr + 4)));
      }
      _mm256_storeu_pd(g, s0);
      _mm256_storeu_pd(g + 4, s1);
    }
    double *gb = gw + fan_in * fan_out + j;
    __m256d b0 = _mm256_loadu_pd(gb), b1 = _mm256_loadu_pd(gb + 4);
    for (long r = 0; r < rows; r++) {
      b0 = _mm256_add_pd(b0, _mm256_loadu_pd(d + r * fan_out + j));
      b1 = _mm256_add_pd(b1, _mm256_loadu_pd(d + r * fan_out + j + 4));
    }
    _mm256_storeu_pd(gb, b0);
    _mm256_storeu_pd(gb + 4, b1);
  }
  for (long j = blocks; j < fan_out; j++) {
    for (long k = 0; k < fan_in; k++) {
      double s = gw[k * fan_out + j];
      for (long r = 0; r < rows; r++) {
        double v = a[r * fan_in + k];
        if (v != 0) s += v * d[r * fan_out + j];
      }
      gw[k * fan_out + j] = s;
    }
    double b = gw[fan_in * fan_out + j];
    for (long r = 0; r < rows; r++) b += d[r * fan_out + j];
    gw[fan_in * fan_out + j] = b;
  }
}
#endif

void rec_layer_product(const double *a, const double *w, long rows, long fan_in, long fan_out, double *o) {
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) {
    product_wide(a, w, rows, fan_in, fan_out, o);
    return;
  }
#endif
  product_plain(a, w, rows, fan_in, fan_out, o);
}

void rec_layer_gradient(const double *a, const double *d, long rows, long fan_in, long fan_out, double *gw) {
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) {
    gradient_wide(a, d, rows, fan_in, fan_out, gw);
    return;
  }
#endif
  gradient_plain(a, d, rows, fan_in, fan_out, gw);
}

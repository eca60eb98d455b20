#ifndef REC_KERNELS_H
#define REC_KERNELS_H

/// o[r, j] = Σ_k a[r, k] · w[k, j] over `rows` rows of `fan_in` inputs and a row-major
/// `fan_in × fan_out` w, the terms added in the order of k and those of a zero input left out.
void rec_layer_product(const double *a, const double *w, long rows, long fan_in, long fan_out, double *o);

/// gw[k, j] += Σ_r a[r, k] · d[r, j], then the biases' gw[fan_in · fan_out + j] += Σ_r d[r, j],
/// the terms added in the order of r and those of a zero input left out.
void rec_layer_gradient(const double *a, const double *d, long rows, long fan_in, long fan_out, double *gw);

#endif

/*
 * Symmetric eigendecomposition A = Z·diag(d)·Zᵀ in float64 for WebAssembly SIMD, single-threaded.
 *
 *   1. Householder tridiagonalization Qᵀ·A·Q = T (Golub & Van Loan, Alg. 8.3.1), row-oriented on
 *      the upper triangle so every inner loop is a contiguous f64x2 stream: reflector k from row k,
 *      p = τ·B·v (symmetric matrix-vector product), w = p − (τ/2)(pᵀv)·v, B ← B − v·wᵀ − w·vᵀ.
 *   2. W = Qᵀ accumulated backwards, W ← W·H_k, one contiguous dot + axpy per row.
 *   3. Implicit QL with Wilkinson shifts on the tridiagonal (d, e) (the EISPACK tql2 scheme), the
 *      plane rotations applied to pairs of rows of W (rows of W are the eigenvectors).
 *
 * On return d holds the eigenvalues (unsorted) and row i of W the unit eigenvector of d[i].
 * Returns 0, or 1 when the QL iteration did not converge. eigvalsh computes the eigenvalues only
 * (steps 1 and 3 without any rotation of W: O(n²) after the tridiagonalization). Built by
 * environment/build-kernels.sh; loaded by eigh.ts.
 */
#include <wasm_simd128.h>

static double absd(double x) { return __builtin_fabs(x); }

/* √(a² + b²) without overflow or destructive underflow. */
static double hypotd(double a, double b) {
  a = absd(a);
  b = absd(b);
  double m = a > b ? a : b;
  if (m == 0.0) return 0.0;
  a /= m;
  b /= m;
  return m * __builtin_sqrt(a * a + b * b);
}

/* Σ x_i y_i over len values. */
static double dotd(const double *x, const double *y, int len) {
  v128_t s = wasm_f64x2_splat(0.0);
  int i = 0;
  for (; i + 2 <= len; i += 2) s = wasm_f64x2_add(s, wasm_f64x2_mul(wasm_v128_load(x + i), wasm_v128_load(y + i)));
  double r = wasm_f64x2_extract_lane(s, 0) + wasm_f64x2_extract_lane(s, 1);
  for (; i < len; i++) r += x[i] * y[i];
  return r;
}

/* y ← y + a·x over len values. */
static void axpyd(double a, const double *x, double *y, int len) {
  v128_t va = wasm_f64x2_splat(a);
  int i = 0;
  for (; i + 2 <= len; i += 2) wasm_v128_store(y + i, wasm_f64x2_add(wasm_v128_load(y + i), wasm_f64x2_mul(va, wasm_v128_load(x + i))));
  for (; i < len; i++) y[i] += a * x[i];
}

/* Returns Σ_j b_j x_j and does y ← y + a·b, over len values, reading b once (one row of a symmetric product). */
static double dotAndAxpy(const double *b, const double *x, double a, double *y, int len) {
  v128_t s = wasm_f64x2_splat(0.0), va = wasm_f64x2_splat(a);
  int j = 0;
  for (; j + 2 <= len; j += 2) {
    v128_t bj = wasm_v128_load(b + j);
    s = wasm_f64x2_add(s, wasm_f64x2_mul(bj, wasm_v128_load(x + j)));
    wasm_v128_store(y + j, wasm_f64x2_add(wasm_v128_load(y + j), wasm_f64x2_mul(va, bj)));
  }
  double r = wasm_f64x2_extract_lane(s, 0) + wasm_f64x2_extract_lane(s, 1);
  for (; j < len; j++) {
    r += b[j] * x[j];
    y[j] += a * b[j];
  }
  return r;
}

/* b ← b − vi·w − wi·v over len values (one row of the symmetric rank-2 update), reading b once. */
static void rank2Row(double *b, double vi, const double *w, double wi, const double *v, int len) {
  v128_t a = wasm_f64x2_splat(vi), c = wasm_f64x2_splat(wi);
  int j = 0;
  for (; j + 2 <= len; j += 2) {
    v128_t t = wasm_f64x2_add(wasm_f64x2_mul(a, wasm_v128_load(w + j)), wasm_f64x2_mul(c, wasm_v128_load(v + j)));
    wasm_v128_store(b + j, wasm_f64x2_sub(wasm_v128_load(b + j), t));
  }
  for (; j < len; j++) b[j] -= vi * w[j] + wi * v[j];
}

/*
 * Reflector H = I − τ·v·vᵀ with v_0 = 1 and H·x = (β, 0, …, 0) for x = row[0..len); v overwrites
 * row (v_0 implicit: row[0] keeps β). Returns τ (0 when x is already a multiple of e_1).
 */
static double householder(double *row, int len) {
  double scale = 0.0;
  for (int i = 1; i < len; i++) scale = absd(row[i]) > scale ? absd(row[i]) : scale;
  if (scale == 0.0) return 0.0;
  double x0 = row[0];
  double ss = 0.0;
  for (int i = 1; i < len; i++) ss += (row[i] / scale) * (row[i] / scale);
  double norm = hypotd(x0, scale * __builtin_sqrt(ss));
  double beta = x0 > 0 ? -norm : norm;
  double tau = (beta - x0) / beta;
  double f = 1.0 / (x0 - beta);
  for (int i = 1; i < len; i++) row[i] *= f;
  row[0] = beta;
  return tau;
}

/* Reduces the upper triangle of A (n×n, row-major) to tridiagonal (d, e); reflectors stay in A's rows, τ in tau. */
static void tridiagonalize(double *A, int n, double *d, double *e, double *tau, double *v, double *p) {
  for (int k = 0; k + 2 < n; k++) {
    double *row = A + k * n + k + 1; /* row k right of the diagonal = column k below it */
    int len = n - k - 1;
    double t = householder(row, len);
    d[k] = A[k * n + k];
    e[k] = row[0];
    tau[k] = t;
    if (t == 0.0) continue;
    v[0] = 1.0;
    for (int i = 1; i < len; i++) v[i] = row[i];
    /* p = τ·B·v with B = A[k+1:, k+1:] stored in its upper triangle: one pass per row. */
    for (int i = 0; i < len; i++) p[i] = 0.0;
    for (int i = 0; i < len; i++) {
      const double *b = A + (k + 1 + i) * n + k + 1;
      p[i] += b[i] * v[i] + dotAndAxpy(b + i + 1, v + i + 1, v[i], p + i + 1, len - i - 1);
    }
    double vp = 0.0;
    for (int i = 0; i < len; i++) {
      p[i] *= t;
      vp += p[i] * v[i];
    }
    double half = 0.5 * t * vp;
    for (int i = 0; i < len; i++) p[i] -= half * v[i]; /* p is now w */
    /* B ← B − v·wᵀ − w·vᵀ on the upper triangle. */
    for (int i = 0; i < len; i++) rank2Row(A + (k + 1 + i) * n + k + 1 + i, v[i], p + i, p[i], v + i, len - i);
  }
  if (n >= 2) {
    d[n - 2] = A[(n - 2) * n + n - 2];
    e[n - 2] = A[(n - 2) * n + n - 1];
    tau[n - 2] = 0.0;
  }
  d[n - 1] = A[(n - 1) * n + n - 1];
  e[n - 1] = 0.0;
}

/* W = Qᵀ = H_{n−3}·…·H_0, accumulated backwards as W ← W·H_k (rows of W stay contiguous). */
static void accumulateReflectors(const double *A, int n, const double *tau, double *W, double *v) {
  for (int i = 0; i < n * n; i++) W[i] = 0.0;
  for (int i = 0; i < n; i++) W[i * n + i] = 1.0;
  for (int k = n - 3; k >= 0; k--) {
    if (tau[k] == 0.0) continue;
    int len = n - k - 1;
    v[0] = 1.0;
    for (int i = 1; i < len; i++) v[i] = A[k * n + k + 1 + i];
    for (int i = k + 1; i < n; i++) {
      double *w = W + i * n + k + 1;
      axpyd(-tau[k] * dotd(w, v, len), v, w, len);
    }
  }
}

/* (W_b, W_a) ← (s·W_a + c·W_b, c·W_a − s·W_b) over n values. */
static void rotateRows(double *wa, double *wb, double c, double s, int n) {
  v128_t vc = wasm_f64x2_splat(c), vs = wasm_f64x2_splat(s);
  int k = 0;
  for (; k + 2 <= n; k += 2) {
    v128_t a = wasm_v128_load(wa + k), b = wasm_v128_load(wb + k);
    wasm_v128_store(wb + k, wasm_f64x2_add(wasm_f64x2_mul(vs, a), wasm_f64x2_mul(vc, b)));
    wasm_v128_store(wa + k, wasm_f64x2_sub(wasm_f64x2_mul(vc, a), wasm_f64x2_mul(vs, b)));
  }
  for (; k < n; k++) {
    double a = wa[k], b = wb[k];
    wb[k] = s * a + c * b;
    wa[k] = c * a - s * b;
  }
}

/* Implicit QL with Wilkinson shifts on (d, e), e[i] coupling i and i+1; rotations applied to W's rows (W may be 0). */
static int implicitQl(double *d, double *e, double *W, int n) {
  const double eps = 2.220446049250313e-16;
  double shift = 0.0, tst1 = 0.0;
  for (int l = 0; l < n; l++) {
    double t = absd(d[l]) + absd(e[l]);
    tst1 = t > tst1 ? t : tst1;
    int m = l;
    while (m < n - 1 && absd(e[m]) > eps * tst1) m++;
    if (m > l) {
      int iter = 0;
      do {
        if (++iter > 60) return 1;
        double g = d[l];
        double p = (d[l + 1] - g) / (2.0 * e[l]);
        double r = hypotd(p, 1.0);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        double dl1 = d[l + 1];
        double h = g - d[l];
        for (int i = l + 2; i < n; i++) d[i] -= h;
        shift += h;
        p = d[m];
        double c = 1.0, c2 = 1.0, c3 = 1.0, s = 0.0, s2 = 0.0;
        double el1 = e[l + 1];
        for (int i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypotd(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (W) rotateRows(W + i * n, W + (i + 1) * n, c, s, n);
        }
        p = -s * s2 * c3 * el1 * e[l] / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (absd(e[l]) > eps * tst1);
    }
    d[l] += shift;
    e[l] = 0.0;
  }
  return 0;
}

/*
 * Eigenvalues d (n) and eigenvectors (rows of W, n×n) of the symmetric A (n×n, row-major; only its
 * upper triangle is read, and A is overwritten). work holds 4n doubles. Returns 0 on success.
 */
__attribute__((export_name("eigh")))
int eigh(int n, double *A, double *W, double *d, double *work) {
  if (n == 0) return 0;
  double *e = work, *tau = work + n, *v = work + 2 * n, *p = work + 3 * n;
  tridiagonalize(A, n, d, e, tau, v, p);
  accumulateReflectors(A, n, tau, W, v);
  return implicitQl(d, e, W, n);
}

/* Eigenvalues d (n, unsorted) of the symmetric A (as for eigh; A is overwritten). work holds 4n doubles. */
__attribute__((export_name("eigvalsh")))
int eigvalsh(int n, double *A, double *d, double *work) {
  if (n == 0) return 0;
  double *e = work, *tau = work + n, *v = work + 2 * n, *p = work + 3 * n;
  tridiagonalize(A, n, d, e, tau, v, p);
  return implicitQl(d, e, 0, n);
}

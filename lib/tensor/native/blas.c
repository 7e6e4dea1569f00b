/*
 * Optional native kernels: float64 matrix products (BLAS dgemm, dsyrk) and symmetric
 * eigendecompositions (LAPACK dsyevd, divide and conquer) through the system's OpenBLAS, as a
 * Node-API addon. environment/build-native.js compiles it when a C compiler, OpenBLAS (Debian:
 * libopenblas-dev) and Node's headers are present; native.ts loads it, and the WebAssembly kernels
 * stay in use wherever it is not built.
 *
 * Exports (all arrays Float64Array, row-major, sizes checked):
 *   gemm(A, B, C, m, k, n, flags)  C (m×n) = op(A)·op(B); flags: 1 = A stored k×m (op = ᵀ),
 *                                  2 = B stored n×k, 4 = B is A and op(B) = op(A)ᵀ (dsyrk + mirror)
 *   eigh(A, n, w, vectors)         w = eigenvalues of the symmetric A (n×n), ascending; with vectors,
 *                                  A is overwritten by V, column k the unit eigenvector of w[k]
 *                                  (A[i·n + k] its component i); returns LAPACK's info (0: success)
 *   potrf(A, n)                    Cholesky A = L·Lᵀ in place (L lower, zeros above); returns
 *                                  LAPACK's info (k > 0: the leading minor of order k is not positive)
 *   potrs(L, B, n, m)              B (n×m) ← (L·Lᵀ)⁻¹B in place, two triangular solves (dtrsm)
 *   threads(count)                 sets the thread count of large calls when count ≥ 1; returns it
 *   serialBelow(flops)             calls with fewer (estimated) flops than this run on one thread,
 *                                  larger ones on threads(count); sets it when flops ≥ 0, returns the
 *                                  previous value (0 at load: every call on threads(count))
 *
 * The per-call choice sets OpenBLAS's global thread count before each call (cheap: a variable,
 * the pool of threads stays), so it depends only on the call's size and the configured count.
 */
#include <node_api.h>
#include <stddef.h>
#include <stdlib.h>

enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112, UPPER = 121, LOWER = 122, NON_UNIT = 131, LEFT = 141 };
enum { FLAG_TRANS_A = 1, FLAG_TRANS_B = 2, FLAG_SAME_SYMMETRIC = 4 };

extern void cblas_dgemm(int order, int transA, int transB, int m, int n, int k, double alpha, const double *A, int lda,
                        const double *B, int ldb, double beta, double *C, int ldc);
extern void cblas_dsyrk(int order, int uplo, int trans, int n, int k, double alpha, const double *A, int lda, double beta,
                        double *C, int ldc);
extern void cblas_dtrsm(int order, int side, int uplo, int transA, int diag, int m, int n, double alpha, const double *A,
                        int lda, double *B, int ldb);
/* Fortran LAPACK, with the hidden lengths of the character arguments. */
extern void dpotrf_(const char *uplo, const int *n, double *A, const int *lda, int *info, size_t uploLength);
extern void dsyevd_(const char *jobz, const char *uplo, const int *n, double *A, const int *lda, double *w, double *work,
                    const int *lwork, int *iwork, const int *liwork, int *info, size_t jobzLength, size_t uploLength);
extern void openblas_set_num_threads(int count);
extern int openblas_get_num_threads(void);

/* Threads for calls of at least serialFlops flops; smaller ones run on one thread. */
static int configuredThreads = 1;
static double serialFlops = 0;

/* Sets OpenBLAS's thread count for a call of about `flops` floating-point operations. */
static void threadsFor(double flops) {
  int want = flops < serialFlops ? 1 : configuredThreads;
  if (openblas_get_num_threads() != want) openblas_set_num_threads(want);
}

/* Throws a TypeError naming the argument and returns NULL, for the caller to return. */
static napi_value fail(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

/* Sets *out to the data of a Float64Array argument with at least `length` elements (NULL when it is
   empty); returns false after throwing otherwise. */
static bool float64s(napi_env env, napi_value value, size_t length, const char *message, double **out) {
  napi_typedarray_type type;
  size_t count;
  void *data;
  napi_value buffer;
  size_t offset;
  bool isTyped = false;
  if (napi_is_typedarray(env, value, &isTyped) != napi_ok || !isTyped ||
      napi_get_typedarray_info(env, value, &type, &count, &data, &buffer, &offset) != napi_ok ||
      type != napi_float64_array || count < length) {
    fail(env, message);
    return false;
  }
  *out = (double *)data;
  return true;
}

/* A non-negative int argument, or -1 after throwing. */
static int count(napi_env env, napi_value value, const char *message) {
  int32_t x;
  if (napi_get_value_int32(env, value, &x) != napi_ok || x < 0) {
    fail(env, message);
    return -1;
  }
  return x;
}

/* Fetches exactly `expected` arguments into argv; false after throwing `usage` otherwise. */
static bool arguments(napi_env env, napi_callback_info info, size_t expected, napi_value *argv, const char *usage) {
  size_t argc = expected;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != expected) {
    fail(env, usage);
    return false;
  }
  return true;
}

static napi_value int32Value(napi_env env, int x) {
  napi_value result;
  napi_create_int32(env, x, &result);
  return result;
}

static napi_value gemm(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  if (!arguments(env, info, 7, argv, "gemm(A, B, C, m, k, n, flags): 7 arguments expected")) return NULL;
  int m, k, n, flags;
  if ((m = count(env, argv[3], "gemm: m must be a non-negative integer")) < 0 ||
      (k = count(env, argv[4], "gemm: k must be a non-negative integer")) < 0 ||
      (n = count(env, argv[5], "gemm: n must be a non-negative integer")) < 0 ||
      (flags = count(env, argv[6], "gemm: flags must be a non-negative integer")) < 0)
    return NULL;
  double *A, *B, *C;
  if (!float64s(env, argv[0], (size_t)m * k, "gemm: A must be a Float64Array of at least m·k values", &A) ||
      !float64s(env, argv[1], (size_t)k * n, "gemm: B must be a Float64Array of at least k·n values", &B) ||
      !float64s(env, argv[2], (size_t)m * n, "gemm: C must be a Float64Array of at least m·n values", &C))
    return NULL;
  if (m == 0 || n == 0) return NULL;
  if (k == 0) {
    for (size_t i = 0; i < (size_t)m * n; i++) C[i] = 0.0;
    return NULL;
  }
  int transA = flags & FLAG_TRANS_A;
  /* dsyrk computes one triangle: half the flops of the product */
  threadsFor((flags & FLAG_SAME_SYMMETRIC ? 1.0 : 2.0) * m * n * k);
  if (flags & FLAG_SAME_SYMMETRIC) {
    /* C = A·Aᵀ (A m×k) or AᵀA (A k×m): the upper triangle, then mirrored */
    cblas_dsyrk(ROW_MAJOR, UPPER, transA ? TRANS : NO_TRANS, m, k, 1.0, A, transA ? m : k, 0.0, C, m);
    for (int i = 1; i < m; i++)
      for (int j = 0; j < i; j++) C[(size_t)i * m + j] = C[(size_t)j * m + i];
  } else {
    int transB = flags & FLAG_TRANS_B;
    cblas_dgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, 1.0, A, transA ? m : k, B,
                transB ? k : n, 0.0, C, n);
  }
  return NULL;
}

/* In-place transpose of a square n×n array. */
static void transposeSquare(double *A, int n) {
  for (int i = 1; i < n; i++)
    for (int j = 0; j < i; j++) {
      double t = A[(size_t)i * n + j];
      A[(size_t)i * n + j] = A[(size_t)j * n + i];
      A[(size_t)j * n + i] = t;
    }
}

static napi_value eigh(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!arguments(env, info, 4, argv, "eigh(A, n, w, vectors): 4 arguments expected")) return NULL;
  int n = count(env, argv[1], "eigh: n must be a non-negative integer");
  if (n < 0) return NULL;
  double *A, *w;
  if (!float64s(env, argv[0], (size_t)n * n, "eigh: A must be a Float64Array of at least n·n values", &A) ||
      !float64s(env, argv[2], (size_t)n, "eigh: w must be a Float64Array of at least n values", &w))
    return NULL;
  bool vectors = false;
  if (napi_get_value_bool(env, argv[3], &vectors) != napi_ok) return fail(env, "eigh: vectors must be a boolean");
  int infoCode = 0;
  if (n > 0) {
    /* dsyevd: about 4n³/3 flops for the tridiagonal reduction, about 4n³ more with the vectors */
    threadsFor((vectors ? 16.0 : 4.0) / 3.0 * n * n * n);
    const char *jobz = vectors ? "V" : "N";
    int lwork = -1, liwork = -1, iworkSize = 0;
    double workSize = 0;
    dsyevd_(jobz, "U", &n, A, &n, w, &workSize, &lwork, &iworkSize, &liwork, &infoCode, 1, 1);
    lwork = (int)workSize;
    liwork = iworkSize;
    double *work = malloc(sizeof(double) * (size_t)(lwork > 1 ? lwork : 1));
    int *iwork = malloc(sizeof(int) * (size_t)(liwork > 1 ? liwork : 1));
    if (!work || !iwork) {
      free(work);
      free(iwork);
      return fail(env, "eigh: out of memory for the LAPACK workspace");
    }
    /* the symmetric input reads the same in either storage order; the column-major result holds
       eigenvector k in memory row k, which the transpose turns into column k of the row-major V */
    dsyevd_(jobz, "U", &n, A, &n, w, work, &lwork, iwork, &liwork, &infoCode, 1, 1);
    free(work);
    free(iwork);
    if (vectors && infoCode == 0) transposeSquare(A, n);
  }
  return int32Value(env, infoCode);
}

static napi_value potrf(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!arguments(env, info, 2, argv, "potrf(A, n): 2 arguments expected")) return NULL;
  int n = count(env, argv[1], "potrf: n must be a non-negative integer");
  double *A;
  if (n < 0 || !float64s(env, argv[0], (size_t)n * n, "potrf: A must be a Float64Array of at least n·n values", &A)) return NULL;
  int infoCode = 0;
  if (n > 0) {
    /* the column-major upper factor U (A = UᵀU) is, read row-major, the lower factor L = Uᵀ */
    threadsFor((double)n * n * n / 3.0);
    dpotrf_("U", &n, A, &n, &infoCode, 1);
    for (int i = 0; i < n; i++)
      for (int j = i + 1; j < n; j++) A[(size_t)i * n + j] = 0.0;
  }
  return int32Value(env, infoCode);
}

static napi_value potrs(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!arguments(env, info, 4, argv, "potrs(L, B, n, m): 4 arguments expected")) return NULL;
  int n, m;
  if ((n = count(env, argv[2], "potrs: n must be a non-negative integer")) < 0 || (m = count(env, argv[3], "potrs: m must be a non-negative integer")) < 0)
    return NULL;
  double *L, *B;
  if (!float64s(env, argv[0], (size_t)n * n, "potrs: L must be a Float64Array of at least n·n values", &L) ||
      !float64s(env, argv[1], (size_t)n * m, "potrs: B must be a Float64Array of at least n·m values", &B))
    return NULL;
  if (n > 0 && m > 0) {
    threadsFor(2.0 * n * n * m);
    cblas_dtrsm(ROW_MAJOR, LEFT, LOWER, NO_TRANS, NON_UNIT, n, m, 1.0, L, n, B, m);
    cblas_dtrsm(ROW_MAJOR, LEFT, LOWER, TRANS, NON_UNIT, n, m, 1.0, L, n, B, m);
  }
  return NULL;
}

static napi_value threads(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!arguments(env, info, 1, argv, "threads(count): 1 argument expected")) return NULL;
  int32_t requested = 0;
  if (napi_get_value_int32(env, argv[0], &requested) == napi_ok && requested >= 1) {
    openblas_set_num_threads(requested);
    configuredThreads = openblas_get_num_threads();
  }
  return int32Value(env, configuredThreads);
}

static napi_value serialBelow(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!arguments(env, info, 1, argv, "serialBelow(flops): 1 argument expected")) return NULL;
  double flops = -1, previous = serialFlops;
  if (napi_get_value_double(env, argv[0], &flops) == napi_ok && flops >= 0) serialFlops = flops;
  napi_value result;
  napi_create_double(env, previous, &result);
  return result;
}

NAPI_MODULE_INIT() {
  configuredThreads = openblas_get_num_threads();
  napi_property_descriptor properties[] = {
      {"gemm", NULL, gemm, NULL, NULL, NULL, napi_default, NULL},
      {"eigh", NULL, eigh, NULL, NULL, NULL, napi_default, NULL},
      {"potrf", NULL, potrf, NULL, NULL, NULL, napi_default, NULL},
      {"potrs", NULL, potrs, NULL, NULL, NULL, napi_default, NULL},
      {"threads", NULL, threads, NULL, NULL, NULL, napi_default, NULL},
      {"serialBelow", NULL, serialBelow, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties);
  return exports;
}

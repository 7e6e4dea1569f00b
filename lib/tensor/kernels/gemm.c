/*
 * Float64 matrix product for WebAssembly SIMD (f64x2):
 *
 *   C (m×n) = op(A) · op(B),   op(A) m×k, op(B) k×n, op(X) = X or Xᵀ, all row-major.
 *
 * One call computes the block of rows i0..i1−1 and columns j0..j1−1 of C, summed over the range
 * k0..k1−1 of the inner dimension (the whole product: 0..m, 0..n, 0..k), so that several instances
 * sharing one memory (one per thread, see gemm.ts) can split a product by rows, columns or inner
 * ranges (partial sums the caller adds up); each brings its own packing workspace of
 * workspaceSize() doubles, and nothing is static or on the stack. Every entry of a block is summed
 * in the same order whatever the block's rows and columns (KC-steps from k0 in order, each from the
 * register tile), so a product split by rows or columns has exactly the bits of the whole.
 *
 * Flags: GEMM_TRANS_A, GEMM_TRANS_B (read A or B as transposed, so AᵀB and ABᵀ need no explicit
 * transpose), GEMM_SYMMETRIC (the caller guarantees op(B) = op(A)ᵀ, e.g. AᵀA: only the tiles that
 * touch the upper triangle are computed, about half the work; mirrorUpper then fills the lower one).
 *
 * Blocking follows the Goto/BLIS scheme: a KC×NC block of op(B) is packed into NR-wide column
 * panels (kept in the last-level cache), an MC×KC block of op(A) into MR-high row panels (kept in
 * L2), and a 4×4 register-tiled micro-kernel accumulates 8 f64x2 vectors over KC (its B panel stays
 * in L1). 4×4 is the largest tile whose accumulators fit V8's 15 usable xmm registers without spills.
 * Packing pads edge panels with zeros, so the micro-kernel always runs full tiles.
 *
 * Built by environment/build-kernels.sh into gemm.wasm (no libc, no emscripten); loaded by wasm.ts.
 */
#include <wasm_simd128.h>

#define GEMM_TRANS_A 1
#define GEMM_TRANS_B 2
#define GEMM_SYMMETRIC 4

#define MR 4
#define NR 4
#define KC 256
#define MC 96
#define NC 2048

static int min(int a, int b) { return a < b ? a : b; }

/* Element (i, p) of op(A), where A is stored with leading dimension lda. */
static double opElement(const double *A, int lda, int trans, int i, int p) {
  return trans ? A[p * lda + i] : A[i * lda + p];
}

/*
 * Rows r0..r0+rows−1 (rows ≤ 4), columns p0..p0+kc−1 of op(X) → kc steps of 4 values, zero-padded
 * past `rows`. A full panel whose 4 values are contiguous in memory (op transposes X) is copied
 * with two vector loads per step; other full panels gather 4 strided values without branches.
 */
static void packPanel(const double *X, int ld, int trans, int r0, int rows, int p0, int kc, double *dst) {
  if (rows == 4 && trans) {
    const double *src = X + p0 * ld + r0;
    for (int p = 0; p < kc; p++, src += ld, dst += 4) {
      wasm_v128_store(dst, wasm_v128_load(src));
      wasm_v128_store(dst + 2, wasm_v128_load(src + 2));
    }
  } else if (rows == 4) {
    const double *x0 = X + r0 * ld + p0, *x1 = x0 + ld, *x2 = x1 + ld, *x3 = x2 + ld;
    for (int p = 0; p < kc; p++, dst += 4) {
      dst[0] = x0[p];
      dst[1] = x1[p];
      dst[2] = x2[p];
      dst[3] = x3[p];
    }
  } else {
    for (int p = 0; p < kc; p++, dst += 4)
      for (int i = 0; i < 4; i++) dst[i] = i < rows ? opElement(X, ld, trans, r0 + i, p0 + p) : 0.0;
  }
}

/* Rows i0..i0+mc-1, columns p0..p0+kc-1 of op(A) → MR-row panels, each kc steps of MR values. */
static void packA(const double *A, int lda, int trans, int i0, int mc, int p0, int kc, double *dst) {
  for (int ir = 0; ir < mc; ir += MR, dst += MR * kc) packPanel(A, lda, trans, i0 + ir, min(MR, mc - ir), p0, kc, dst);
}

/*
 * Rows p0..p0+kc-1, columns j0..j0+nc-1 of op(B) → NR-column panels, each kc steps of NR values
 * (a column panel of op(B) is a row panel of op(B)ᵀ, i.e. of B read with the opposite transpose).
 */
static void packB(const double *B, int ldb, int trans, int p0, int kc, int j0, int nc, double *dst) {
  for (int jr = 0; jr < nc; jr += NR, dst += NR * kc) packPanel(B, ldb, !trans, j0 + jr, min(NR, nc - jr), p0, kc, dst);
}

#define MULADD(c, a, b) c = wasm_f64x2_add(c, wasm_f64x2_mul(a, b))

/* Adds (or, when !accumulate, stores) one row (lo, hi) of the register tile to C at `c`, nr ≤ NR columns. */
static void writeRow(double *c, v128_t lo, v128_t hi, int nr, int accumulate) {
  if (nr == NR) {
    if (accumulate) {
      lo = wasm_f64x2_add(lo, wasm_v128_load(c));
      hi = wasm_f64x2_add(hi, wasm_v128_load(c + 2));
    }
    wasm_v128_store(c, lo);
    wasm_v128_store(c + 2, hi);
    return;
  }
  double t0 = wasm_f64x2_extract_lane(lo, 0), t1 = wasm_f64x2_extract_lane(lo, 1), t2 = wasm_f64x2_extract_lane(hi, 0);
  c[0] = accumulate ? c[0] + t0 : t0;
  if (nr > 1) c[1] = accumulate ? c[1] + t1 : t1;
  if (nr > 2) c[2] = accumulate ? c[2] + t2 : t2;
}

/* C[0..mr, 0..nr] (+)= Σ_p a_p b_pᵀ over kc packed steps: the 4×4 register tile. */
static void microKernel(int kc, const double *a, const double *b, double *c, int ldc, int mr, int nr, int accumulate) {
  v128_t c00 = wasm_f64x2_splat(0.0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  for (int p = 0; p < kc; p++) {
    v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 2);
    v128_t a0 = wasm_v128_load64_splat(a), a1 = wasm_v128_load64_splat(a + 1);
    v128_t a2 = wasm_v128_load64_splat(a + 2), a3 = wasm_v128_load64_splat(a + 3);
    MULADD(c00, a0, b0); MULADD(c01, a0, b1);
    MULADD(c10, a1, b0); MULADD(c11, a1, b1);
    MULADD(c20, a2, b0); MULADD(c21, a2, b1);
    MULADD(c30, a3, b0); MULADD(c31, a3, b1);
    a += MR;
    b += NR;
  }
  writeRow(c, c00, c01, nr, accumulate);
  if (mr > 1) writeRow(c + ldc, c10, c11, nr, accumulate);
  if (mr > 2) writeRow(c + 2 * ldc, c20, c21, nr, accumulate);
  if (mr > 3) writeRow(c + 3 * ldc, c30, c31, nr, accumulate);
}

/* Lower triangle of the square C (n×n) ← its upper triangle. */
__attribute__((export_name("mirrorUpper")))
void mirrorUpper(double *C, int n) {
  for (int i = 1; i < n; i++)
    for (int j = 0; j < i; j++) C[i * n + j] = C[j * n + i];
}

/* Doubles of packing workspace one gemm call needs: packed A block, then packed B block. */
__attribute__((export_name("workspaceSize")))
int workspaceSize(void) { return MC * KC + KC * NC; }

/*
 * Rows i0..i1−1, columns j0..j1−1 of C = Σ_{p=k0}^{k1−1} op(A)_{:,p}·op(B)_{p,:} (op(A) m×k, op(B)
 * k×n); see the header for the flags. C must not overlap A or B; workspace holds workspaceSize()
 * doubles, 16-byte aligned.
 */
__attribute__((export_name("gemm")))
void gemm(int flags, int m, int n, int k, const double *A, const double *B, double *C, int i0, int i1, int j0, int j1, int k0, int k1, double *workspace) {
  double *packedA = workspace, *packedB = workspace + MC * KC;
  int transA = flags & GEMM_TRANS_A, transB = flags & GEMM_TRANS_B, symmetric = flags & GEMM_SYMMETRIC;
  int lda = transA ? m : k, ldb = transB ? k : n;
  if (k1 <= k0) {
    for (int i = i0; i < i1; i++) __builtin_memset(C + i * n + j0, 0, (unsigned long)(j1 - j0) * sizeof(double));
    return;
  }
  for (int jb = j0; jb < j1; jb += NC) {
    int nc = min(NC, j1 - jb);
    for (int p0 = k0; p0 < k1; p0 += KC) {
      int kc = min(KC, k1 - p0);
      packB(B, ldb, transB, p0, kc, jb, nc, packedB);
      for (int ib = i0; ib < i1; ib += MC) {
        int mc = min(MC, i1 - ib);
        if (symmetric && ib >= jb + nc) break; /* every later row block lies below the diagonal */
        packA(A, lda, transA, ib, mc, p0, kc, packedA);
        for (int jr = 0; jr < nc; jr += NR) {
          int nr = min(NR, nc - jr);
          for (int ir = 0; ir < mc; ir += MR) {
            if (symmetric && ib + ir >= jb + jr + nr) break; /* tile strictly below the diagonal */
            microKernel(kc, packedA + ir * kc, packedB + jr * kc, C + (ib + ir) * n + jb + jr, n, min(MR, mc - ir), nr, p0 > k0);
          }
        }
      }
    }
  }
}

/*
 * C[0..size) ← C[0..size) + C[size..2·size) + … over `count` consecutive blocks, added in block order:
 * the partial products of a product split by inner ranges (see gemm), summed the same way however
 * many threads computed them.
 */
__attribute__((export_name("sumPartials")))
void sumPartials(double *C, int size, int count) {
  for (int s = 1; s < count; s++) {
    const double *part = C + (long)s * size;
    for (int i = 0; i < size; i++) C[i] += part[i];
  }
}

/* The machine's attainable fp32 peak: independent AVX2 FMA chains on every thread, no memory
 * traffic. Build and run: gcc -O3 -march=native -fopenmp bench/fp32_peak.c -o /tmp/fp32_peak && /tmp/fp32_peak */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>

#define CHAINS 12
#define ITERS 200000000L

int main(void) {
    double start = omp_get_wtime();
    float sink = 0;
    int threads = 0;
#pragma omp parallel reduction(+ : sink)
    {
#pragma omp single
        threads = omp_get_num_threads();
        __m256 acc[CHAINS];
        __m256 a = _mm256_set1_ps(0.9999999f), b = _mm256_set1_ps(1e-7f);
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_set1_ps((float)c);
        for (long i = 0; i < ITERS; i++) {
            for (int c = 0; c < CHAINS; c++) acc[c] = _mm256_fmadd_ps(acc[c], a, b);
        }
        float out[8];
        for (int c = 1; c < CHAINS; c++) acc[0] = _mm256_add_ps(acc[0], acc[c]);
        _mm256_storeu_ps(out, acc[0]);
        sink += out[0];
    }
    double seconds = omp_get_wtime() - start;
    double flop = (double)threads * ITERS * CHAINS * 8 * 2;
    printf("threads=%d seconds=%.3f fp32 GFLOP/s=%.1f (sink %g)\n", threads, seconds, flop / seconds / 1e9, sink);
    return 0;
}

/* The machine's attainable fp32 peak: independent FMA chains on every thread, no memory traffic, in
 * the widest vectors the compiler may use here (AVX-512 where -march=native has it, else AVX2): the
 * engine's oneDNN picks AVX-512 on such machines, so an AVX2-only peak would understate the machine.
 * Build and run: gcc -O3 -march=native -fopenmp bench/fp32_peak.c -o /tmp/fp32_peak && /tmp/fp32_peak
 * (add -mno-avx512f for the AVX2 figure on an AVX-512 machine). */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>

#define CHAINS 12
#define ITERS 200000000L

#ifdef __AVX512F__
typedef __m512 vec;
#define LANES 16
#define ISA "AVX-512"
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define ADD _mm512_add_ps
#define STORE _mm512_storeu_ps
#else
typedef __m256 vec;
#define LANES 8
#define ISA "AVX2"
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define ADD _mm256_add_ps
#define STORE _mm256_storeu_ps
#endif

int main(void) {
    double start = omp_get_wtime();
    float sink = 0;
    int threads = 0;
#pragma omp parallel reduction(+ : sink)
    {
#pragma omp single
        threads = omp_get_num_threads();
        vec acc[CHAINS];
        vec a = SET1(0.9999999f), b = SET1(1e-7f);
        for (int c = 0; c < CHAINS; c++) acc[c] = SET1((float)c);
        for (long i = 0; i < ITERS; i++) {
            for (int c = 0; c < CHAINS; c++) acc[c] = FMA(acc[c], a, b);
        }
        float out[LANES];
        for (int c = 1; c < CHAINS; c++) acc[0] = ADD(acc[0], acc[c]);
        STORE(out, acc[0]);
        sink += out[0];
    }
    double seconds = omp_get_wtime() - start;
    double flop = (double)threads * ITERS * CHAINS * LANES * 2;
    printf("threads=%d %s seconds=%.3f fp32 GFLOP/s=%.1f (sink %g)\n", threads, ISA, seconds, flop / seconds / 1e9, sink);
    return 0;
}

/* The physical limit for two in-session workloads: plain C loops over columns already in
 * memory, one thread, compiled with -O2. The CSV is parsed first (not timed) into the columns a
 * columnar engine would hold: component and province as small integer codes, score as double.
 *
 *   cc -O2 -o cloop cloop.c && ./cloop panel.csv REPS
 *
 * Prints `filter_count SECONDS N` and `group_stats SECONDS GROUPS` (median of REPS runs), the
 * answers beside the times so the harness can check them against the engines'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* A tiny dictionary: the index of `s` among the names seen so far (adding it). */
static int code(char names[][64], int *count, const char *s, size_t n) {
  for (int i = 0; i < *count; i++)
    if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0) return i;
  memcpy(names[*count], s, n);
  names[*count][n] = 0;
  return (*count)++;
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: cloop panel.csv reps\n"); return 2; }
  int reps = atoi(argv[2]);
  FILE *f = fopen(argv[1], "r");
  if (!f) { perror(argv[1]); return 1; }
  size_t cap = 1 << 20, n = 0;
  unsigned char *component = malloc(cap), *province = malloc(cap);
  double *score = malloc(cap * sizeof(double));
  static char components[64][64], provinces[128][64];
  int ncomp = 0, nprov = 0;
  char line[512];
  if (!fgets(line, sizeof line, f)) return 1; /* header: year,gso_code,province,component,score,rank */
  while (fgets(line, sizeof line, f)) {
    if (n == cap) {
      cap *= 2;
      component = realloc(component, cap);
      province = realloc(province, cap);
      score = realloc(score, cap * sizeof(double));
    }
    char *field[6];
    int k = 0;
    field[k++] = line;
    for (char *p = line; *p && k < 6; p++) if (*p == ',') { *p = 0; field[k++] = p + 1; }
    province[n] = (unsigned char)code(provinces, &nprov, field[2], strlen(field[2]));
    component[n] = (unsigned char)code(components, &ncomp, field[3], strlen(field[3]));
    score[n] = strtod(field[4], NULL);
    n++;
  }
  fclose(f);
  int total = -1;
  for (int i = 0; i < ncomp; i++) if (strcmp(components[i], "total") == 0) total = i;

  double *times = malloc(reps * sizeof(double));
  long count = 0;
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    long c = 0;
    for (size_t i = 0; i < n; i++) c += (component[i] == total) & (score[i] > 60.0);
    times[r] = now() - t0;
    count = c;
  }
  qsort(times, reps, sizeof(double), cmp);
  printf("filter_count %.6f %ld\n", times[reps / 2], count);

  int groups = nprov * ncomp;
  double *sum = calloc(groups, sizeof(double)), *sq = calloc(groups, sizeof(double));
  long *cnt = calloc(groups, sizeof(long));
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    memset(sum, 0, groups * sizeof(double));
    memset(sq, 0, groups * sizeof(double));
    memset(cnt, 0, groups * sizeof(long));
    for (size_t i = 0; i < n; i++) {
      int g = province[i] * ncomp + component[i];
      sum[g] += score[i];
      cnt[g]++;
    }
    for (size_t i = 0; i < n; i++) {
      int g = province[i] * ncomp + component[i];
      double d = score[i] - sum[g] / cnt[g];
      sq[g] += d * d;
    }
    times[r] = now() - t0;
  }
  int seen = 0;
  for (int g = 0; g < groups; g++) if (cnt[g]) seen++;
  qsort(times, reps, sizeof(double), cmp);
  printf("group_stats %.6f %d\n", times[reps / 2], seen);
  return 0;
}

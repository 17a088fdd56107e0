/* PostgreSQL's client library's header (Debian's libpq-dev puts it in /usr/include/postgresql;
   only the header is used at build time, so pkg-config is not asked and nothing is linked).

   libpq is loaded when a PostgreSQL engine is first used, not linked: linked, it and the ~20
   libraries it needs (TLS, Kerberos, LDAP, SASL) were loaded and relocated at every start, about
   a third of a tiny query's whole process (perf: the dynamic loader's relocations and page
   faults). Swift calls the chiso_PQ… functions below; each is the libpq function of that name. */
#include <dlfcn.h>
#include <stddef.h>
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

/* libpq's handle, loaded on first call; NULL when it cannot be loaded. */
static inline void *chiso_pq_handle(void) {
  static void *handle = NULL;
  static int tried = 0;
  if (!tried) {
    tried = 1;
    const char *names[] = {"libpq.so.5", "libpq.so", "libpq.5.dylib", "libpq.dylib"};
    for (size_t i = 0; i < sizeof names / sizeof names[0] && handle == NULL; i++)
      handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
  }
  return handle;
}

/* Whether libpq could be loaded (call before any other chiso_PQ function). */
static inline int chiso_pq_available(void) { return chiso_pq_handle() != NULL; }

static inline void *chiso_pq_symbol(const char *name) {
  void *handle = chiso_pq_handle();
  return handle ? dlsym(handle, name) : NULL;
}

#define CHISO_PQ(ret, name, params, args, fallback)                  \
  static inline ret chiso_##name params {                            \
    static ret(*fn) params = NULL;                                   \
    if (fn == NULL) fn = (ret(*) params)chiso_pq_symbol(#name);      \
    if (fn == NULL) return fallback;                                 \
    return fn args;                                                  \
  }
#define CHISO_PQ_VOID(name, params, args)                            \
  static inline void chiso_##name params {                           \
    static void(*fn) params = NULL;                                  \
    if (fn == NULL) fn = (void(*) params)chiso_pq_symbol(#name);     \
    if (fn != NULL) fn args;                                         \
  }

CHISO_PQ(PGconn *, PQconnectdb, (const char *conninfo), (conninfo), NULL)
CHISO_PQ_VOID(PQfinish, (PGconn *conn), (conn))
CHISO_PQ(ConnStatusType, PQstatus, (const PGconn *conn), (conn), CONNECTION_BAD)
CHISO_PQ(char *, PQerrorMessage, (const PGconn *conn), (conn), NULL)
CHISO_PQ(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query), NULL)
CHISO_PQ(int, PQsendQuery, (PGconn *conn, const char *query), (conn, query), 0)
CHISO_PQ(int, PQsetSingleRowMode, (PGconn *conn), (conn), 0)
CHISO_PQ(PGresult *, PQgetResult, (PGconn *conn), (conn), NULL)
CHISO_PQ(int, PQputCopyData, (PGconn *conn, const char *buffer, int nbytes), (conn, buffer, nbytes), -1)
CHISO_PQ(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg), -1)
CHISO_PQ(ExecStatusType, PQresultStatus, (const PGresult *res), (res), PGRES_FATAL_ERROR)
CHISO_PQ(char *, PQresultErrorMessage, (const PGresult *res), (res), NULL)
CHISO_PQ(int, PQntuples, (const PGresult *res), (res), 0)
CHISO_PQ(int, PQnfields, (const PGresult *res), (res), 0)
CHISO_PQ(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num), NULL)
CHISO_PQ(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num), 1)
CHISO_PQ_VOID(PQclear, (PGresult *res), (res))

/* PostgreSQL's client library (Debian's libpq-dev; the headers live in /usr/include/postgresql,
   which pkg-config's libpq entry adds to the search path). */
#include <libpq-fe.h>

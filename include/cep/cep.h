// The cep embedding API, all of it: compile rules (rule_set.h), build events
// (event_builder.h), run them (engine.h), read derived events
// (derived_event.h), counters (stats.h) and times (time.h).
// docs/embedding.md is the guide; samples/embed/ a complete program.
#ifndef CEP_CEP_H_
#define CEP_CEP_H_

#include "cep/derived_event.h"
#include "cep/diagnostics.h"
#include "cep/engine.h"
#include "cep/event_builder.h"
#include "cep/rule_set.h"
#include "cep/stats.h"
#include "cep/time.h"
#include "cep/version.h"

#endif  // CEP_CEP_H_

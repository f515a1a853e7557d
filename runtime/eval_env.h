// EvalEnv: everything an expression can read besides its constants — the
// event being tested, `prev`, the variables' last events, the key values and
// where aggregates come from. Shared by the interpreter (expr_eval.h) and
// the compiled conditions (expr_fast.h).
#ifndef CEP_RUNTIME_EVAL_ENV_H_
#define CEP_RUNTIME_EVAL_ENV_H_

#include "runtime/event.h"
#include "runtime/value.h"

namespace cep::rt {

class AggregateSource;

struct EvalEnv {
  const Event* current = nullptr;        // the event being tested / the window row
  const Event* prev = nullptr;           // `prev`
  const Event* const* vars = nullptr;    // per variable: its last bound event, or null
  const Value* keys = nullptr;           // partition / group key values
  const AggregateSource* aggs = nullptr; // for kAggregate
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_EVAL_ENV_H_

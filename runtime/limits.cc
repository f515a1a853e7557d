// See limits.h.
#include "runtime/limits.h"

namespace cep::rt {

std::string_view OverflowPolicyName(OverflowPolicy p) {
  switch (p) {
    case OverflowPolicy::kDropOldest: return "drop-oldest";
    case OverflowPolicy::kRejectNew: return "reject-new";
    case OverflowPolicy::kFail: return "fail";
  }
  return "drop-oldest";
}

bool ParseOverflowPolicy(std::string_view name, OverflowPolicy* out) {
  for (OverflowPolicy p : {OverflowPolicy::kDropOldest, OverflowPolicy::kRejectNew,
                           OverflowPolicy::kFail}) {
    if (OverflowPolicyName(p) == name) {
      *out = p;
      return true;
    }
  }
  return false;
}

}  // namespace cep::rt

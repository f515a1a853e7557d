// json_check FILE KEY...: a test helper for the CLI tests (python3 may not be
// installed). Parses FILE as one JSON value with simdjson (exit 1 if it is
// not valid JSON) and prints "KEY=VALUE" for each KEY, a path of object keys
// and array indexes joined by '.' ("pending.runs", "rules.0.name"); strings
// print unquoted, other values as minified JSON. A missing key exits 1.
#include <iostream>
#include <string>

#include <simdjson.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: json_check FILE KEY...\n";
    return 2;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.load(argv[1]).get(root)) {
    std::cerr << "json_check: " << argv[1] << ": " << simdjson::error_message(error) << "\n";
    return 1;
  }
  int status = 0;
  for (int k = 2; k < argc; ++k) {
    const std::string path = argv[k];
    simdjson::dom::element at = root;
    size_t begin = 0;
    bool found = true;
    while (found && begin <= path.size()) {
      size_t end = path.find('.', begin);
      if (end == std::string::npos) end = path.size();
      const std::string part = path.substr(begin, end - begin);
      if (at.is_array()) {
        found = !at.at(std::stoul(part)).get(at);
      } else {
        found = !at[part].get(at);
      }
      begin = end + 1;
    }
    if (!found) {
      std::cerr << "json_check: no " << path << "\n";
      status = 1;
      continue;
    }
    std::string_view text;
    if (at.is_string() && !at.get(text)) {
      std::cout << path << "=" << text << "\n";
    } else {
      std::cout << path << "=" << simdjson::minify(at) << "\n";
    }
  }
  return status;
}

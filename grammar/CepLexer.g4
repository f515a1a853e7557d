// Lexer for the .cep rule language. Action-free: only lexer commands
// (skip, channel, mode) are used. Malformed literals (unterminated strings,
// regexes and comments, numbers with unknown suffixes) are lexed as tokens of
// their own so the AST builder can report them precisely instead of ANTLR
// emitting a generic "token recognition error".
lexer grammar CepLexer;

// ---- keywords (most are soft: see `name` in CepParser.g4) ----
IMPORT    : 'import';
EVENT     : 'event';
CONST     : 'const';
RULE      : 'rule';
PATTERN   : 'pattern';
FROM      : 'from';
AS        : 'as';
WINDOW    : 'window';
TUMBLING  : 'tumbling';
SLIDING   : 'sliding';
SESSION   : 'session';
GAP       : 'gap';
EVERY     : 'every';
GROUP     : 'group';
BY        : 'by';
HAVING    : 'having';
PARTITION : 'partition';
WITHIN    : 'within';
AFTER     : 'after';
MATCH     : 'match';
SKIP_     : 'skip';
PAST      : 'past';
TO        : 'to';
NEXT      : 'next';
FIRST     : 'first';
LAST      : 'last';
NO        : 'no';
EMIT      : 'emit';
ON        : 'on';
TIMEOUT   : 'timeout';
SUPPRESS  : 'suppress';
FOR       : 'for';
ALL       : 'all';
UNTIL     : 'until';
STRICT    : 'strict';
ANY       : 'any';
COUNT     : 'count';
PREV      : 'prev';
AND       : 'and';
OR        : 'or';
NOT       : 'not';
IN        : 'in';
IS        : 'is';
NULL_     : 'null';
TRUE_     : 'true';
FALSE_    : 'false';

// ---- punctuation ----
ARROW_ANY : '->>';
ARROW     : '->';
SEMI      : ';';
LPAREN    : '(';
RPAREN    : ')';
LBRACK    : '[';
RBRACK    : ']';
LBRACE    : '{';
RBRACE    : '}';
COMMA     : ',';
COLON     : ':';
DOT       : '.';
AT        : '@';
QUESTION  : '?';
PIPE      : '|';
ANDAND    : '&&';
OROR      : '||';
EQ        : '==';
NEQ       : '!=';
LE        : '<=';
GE        : '>=';
LT        : '<';
GT        : '>';
ASSIGN    : '=';
REGEX_MATCH    : '=~' -> pushMode(REGEX_MODE);
REGEX_NOMATCH  : '!~' -> pushMode(REGEX_MODE);
BANG      : '!';
PLUS      : '+';
MINUS     : '-';
STAR      : '*';
SLASH     : '/';
PERCENT   : '%';

// ---- literals ----
FLOAT
  : DIGIT+ '.' DIGIT+ EXPONENT?
  | DIGIT+ EXPONENT
  ;
INT       : DIGIT+;
// A number glued to letters: a duration such as 500ms, 10s, 1h30m. The unit
// is validated by the AST builder so `5parsecs` gets a precise diagnostic.
DURATION  : DIGIT+ ('.' DIGIT+)? [a-zA-Z_] [a-zA-Z_0-9]*;
STRING    : '"' ( ESC | ~["\\\r\n] )* '"';
UNTERMINATED_STRING : '"' ( ESC | ~["\\\r\n] )* '\\'?;

IDENT     : [a-zA-Z_] [a-zA-Z_0-9]*
          | '`' ~[`\r\n]+ '`'   // a quoted name: `from`
          ;

// ---- trivia ----
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
// Longest match: a terminated comment always beats this one.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'*;
WS        : [ \t\r\n\f]+ -> channel(HIDDEN);
// Anything else (binary garbage, stray characters) becomes one token the
// parser rejects with a located diagnostic.
BAD_CHAR  : .;

fragment DIGIT    : [0-9];
fragment EXPONENT : [eE] [+-]? DIGIT+;
fragment ESC      : '\\' .;

// After =~ or !~ a regex literal /.../flags (or a string) follows.
mode REGEX_MODE;
RE_WS           : [ \t\r\n\f]+ -> channel(HIDDEN);
REGEX           : '/' ( '\\' ~[\r\n] | ~[/\\\r\n] )* '/' [a-z]* -> popMode;
UNTERMINATED_REGEX : '/' ( '\\' ~[\r\n] | ~[/\\\r\n] )* '\\'? -> popMode;
RE_STRING       : '"' ( ESC | ~["\\\r\n] )* '"' -> type(STRING), popMode;
RE_OTHER        : . -> type(BAD_CHAR), popMode;

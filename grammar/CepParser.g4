// Parser for the .cep rule language. Action-free, every alternative of a rule
// with several alternatives is labelled so the AST builder has one visitor
// method per construct. Operator precedence is the order of alternatives in
// `expr` (highest first). See docs/language.md for the language reference.
parser grammar CepParser;
options { tokenVocab = CepLexer; }

file : item* EOF ;

item
  : IMPORT STRING                                   # ImportItem
  | annotation* EVENT name LBRACE fieldDecl* RBRACE  # EventItem
  | annotation* CONST name ASSIGN expr              # ConstItem
  | annotation* RULE name LBRACE clause* RBRACE      # RuleItem
  ;

annotation : AT name ( LPAREN ( expr ( COMMA expr )* )? RPAREN )? ;

fieldDecl : name COLON typeName=name QUESTION? COMMA? ;

clause
  : PATTERN pattern                                            # PatternClause
  | FROM name ( LBRACK expr RBRACK )? ( AS name )?              # FromClause
  | WINDOW windowSpec                                          # WindowClause
  | GROUP BY expr ( COMMA expr )*                              # GroupByClause
  | HAVING expr                                                # HavingClause
  | PARTITION BY partitionKey ( COMMA partitionKey )*          # PartitionClause
  | WITHIN expr                                                # WithinClause
  | AFTER MATCH afterMatch                                     # AfterMatchClause
  | ON TIMEOUT EMIT emitBody                                   # TimeoutEmitClause
  | EMIT emitBody                                              # EmitClause
  | SUPPRESS ( BY expr ( COMMA expr )* )? FOR expr             # SuppressClause
  ;

windowSpec
  : TUMBLING expr                     # TumblingWindow
  | SLIDING expr EVERY expr           # SlidingWindow
  | SESSION GAP expr                  # SessionWindow
  | COUNT expr ( EVERY expr )?        # CountWindow
  ;

partitionKey : ( qualifier=name DOT )? field=name ;

afterMatch
  : SKIP_ PAST LAST               # SkipPastLast
  | SKIP_ TO NEXT                 # SkipToNext
  | SKIP_ TO FIRST name           # SkipToFirst
  | SKIP_ TO LAST name            # SkipToLast
  | NO SKIP_                      # NoSkip
  ;

emitBody : name LBRACE ( emitField ( COMMA emitField )* COMMA? )? RBRACE ;
emitField : name ASSIGN expr ;

// ---- patterns: alternation < sequence < unit ----
pattern : seqPattern ( PIPE seqPattern )* ;

seqPattern : unit ( seqOp unit )* ;

seqOp
  : SEMI        # StrictSeq
  | ARROW       # RelaxedSeq
  | ARROW_ANY   # AnySeq
  ;

unit
  : BANG primaryPattern ( WITHIN expr )?                                   # NegatedUnit
  | primaryPattern quantifier? loopPolicy? untilClause?                    # PositiveUnit
  ;

primaryPattern
  : ( var=name COLON )? type=name ( LBRACK expr RBRACK )?            # AtomPattern
  | ( var=name COLON )? LPAREN pattern RPAREN                         # GroupPattern
  | ( var=name COLON )? ALL LPAREN pattern ( COMMA pattern )* RPAREN  # AllPattern
  ;

quantifier
  : QUESTION reluctant=QUESTION?                                        # OptionalQuant
  | STAR reluctant=QUESTION?                                            # StarQuant
  | PLUS reluctant=QUESTION?                                            # PlusQuant
  | LBRACE lo=bound RBRACE reluctant=QUESTION?                          # ExactQuant
  | LBRACE lo=bound COMMA hi=bound? RBRACE reluctant=QUESTION?          # RangeQuant
  ;

bound : INT | name ;

loopPolicy : STRICT | ANY ;

untilClause : UNTIL ( name ( LBRACK expr RBRACK )? | LBRACK expr RBRACK ) ;

// ---- expressions, highest precedence first ----
expr
  : expr DOT name                                                # FieldExpr
  | callee=name LPAREN ( expr ( COMMA expr )* )? RPAREN            # CallExpr
  | op=( MINUS | BANG ) expr                                       # UnaryExpr
  | expr op=( STAR | SLASH | PERCENT ) expr                        # MulExpr
  | expr op=( PLUS | MINUS ) expr                                  # AddExpr
  | expr op=( LT | LE | GT | GE ) expr                             # CompareExpr
  | expr op=( EQ | NEQ ) expr                                      # EqualExpr
  | expr op=( REGEX_MATCH | REGEX_NOMATCH ) ( REGEX | STRING | UNTERMINATED_REGEX ) # RegexExpr
  | expr NOT? IN LBRACK ( expr ( COMMA expr )* )? RBRACK           # InExpr
  | expr IS NOT? NULL_                                             # IsNullExpr
  | NOT expr                                                       # NotExpr
  | expr op=( AND | ANDAND ) expr                                  # AndExpr
  | expr op=( OR | OROR ) expr                                     # OrExpr
  | LPAREN expr RPAREN                                             # ParenExpr
  | literal                                                        # LiteralExpr
  | name                                                           # NameExpr
  ;

literal
  : INT                   # IntLit
  | FLOAT                 # FloatLit
  | DURATION              # DurationLit
  | STRING                # StringLit
  | UNTERMINATED_STRING   # BadStringLit
  | ( TRUE_ | FALSE_ )    # BoolLit
  | NULL_                 # NullLit
  ;

// Soft keywords: keywords that cannot start a clause or an item may still be
// used as names (field `count`, function `first`, variable `prev`, ...).
// Clause and item keywords (import event const rule pattern from window group
// having partition within after emit on suppress) are reserved; write them in
// backticks to use them as names: `from`.
name
  : IDENT | AS | TUMBLING | SLIDING | SESSION | GAP | EVERY | BY | MATCH | SKIP_
  | PAST | TO | NEXT | FIRST | LAST | NO | TIMEOUT | FOR | ALL | UNTIL | STRICT
  | ANY | COUNT | PREV
  ;

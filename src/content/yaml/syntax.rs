//! The parser's syntax errors in the console's words. In Chinese each of
//! granit-parser's error kinds is one catalog sentence (`yaml.syntax.*`)
//! saying what is wrong and what to write instead; the parser's English
//! sentence is shown only in English, where it is the reader's language
//! and names the construct exactly. The position stays the parser's.

use granit_parser::{ErrorKind as K, ScanError};

/// What the syntax error `e` says, in the current language.
pub fn reason(e: &ScanError) -> String {
    if crate::i18n::current() == crate::i18n::Lang::En {
        return e.info().lines().next().unwrap_or("").to_string();
    }
    words(e.kind())
}

/// The catalog's sentence for `kind`.
fn words(kind: &K) -> String {
    let closing = |open: char| match open {
        '[' => ']',
        '{' => '}',
        _ => open,
    };
    match kind {
        K::UnclosedFlowCollection { open } => {
            crate::t!("yaml.syntax.unclosed-bracket", open = open, close = closing(*open))
        }
        K::UnexpectedEofFlowSequence => crate::t!("yaml.syntax.unclosed-bracket", open = '[', close = ']'),
        K::UnexpectedEofFlowMapping | K::UnexpectedEofImplicitFlowMapping => {
            crate::t!("yaml.syntax.unclosed-bracket", open = '{', close = '}')
        }
        K::MismatchedFlowCollectionEnd { open, close } => {
            crate::t!("yaml.syntax.mismatched-bracket", open = open, close = close, expected = closing(*open))
        }
        K::MisplacedFlowCollectionEnd => crate::t!("yaml.syntax.extra-bracket"),
        K::ExpectedFlowMappingSeparator => crate::t!("yaml.syntax.flow-separator", close = '}'),
        K::ExpectedFlowSequenceSeparator => crate::t!("yaml.syntax.flow-separator", close = ']'),
        K::UnclosedQuotedScalar => crate::t!("yaml.syntax.unclosed-quote"),
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            crate::t!("yaml.syntax.after-quote")
        }
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidLowSurrogateHexEscape
        | K::InvalidLowSurrogate
        | K::MissingLowSurrogate
        | K::UnpairedLowSurrogate
        | K::InvalidUnicodeEscape => crate::t!("yaml.syntax.escape"),
        K::TabNotAllowed
        | K::TabInBlockIndentation
        | K::TabInIndentation
        | K::TabAtBlockScalarStart
        | K::TabInPlainScalar => crate::t!("yaml.syntax.tab"),
        K::InvalidIndentation
        | K::InvalidBlockScalarIndent
        | K::InvalidQuotedScalarIndent
        | K::InvalidFlowScalarIndent
        | K::ZeroBlockScalarIndent
        | K::InvalidBlockScalarHeader => crate::t!("yaml.syntax.indentation"),
        K::MappingValueNotAllowed | K::InvalidColonPlacement | K::MappingKeyNotAllowed => {
            crate::t!("yaml.syntax.colon")
        }
        K::InvalidMappingValueWhitespace | K::FlowMappingValueAdjacentCollection => {
            crate::t!("yaml.syntax.space-after-colon")
        }
        K::ExpectedBlockMappingKey | K::SimpleKeyExpected | K::InvalidSimpleKey => crate::t!("yaml.syntax.key"),
        K::ExpectedBlockSequenceEntry
        | K::BlockEntryInFlowCollection
        | K::BlockSequenceEntryNotAllowed
        | K::InvalidBlockEntryWhitespace
        | K::PlainScalarStartsWithDashFlowIndicator => crate::t!("yaml.syntax.list"),
        K::ExpectedNodeContent => crate::t!("yaml.syntax.no-value"),
        K::CommentNotSeparated | K::CommentInterceptedScalar => crate::t!("yaml.syntax.comment"),
        K::UnexpectedCharacter { character } => {
            crate::t!("yaml.syntax.character", character = character.escape_default())
        }
        K::ExpectedDocumentStart
        | K::InvalidDocumentEnd
        | K::MultipleDocumentsUnsupported
        | K::MissingDocumentEndBeforeDirective
        | K::DocumentIndicatorInQuotedScalar => crate::t!("yaml.syntax.document"),
        K::MissingAnchorOrAliasName | K::AnchorCountOverflow => crate::t!("yaml.syntax.anchor"),
        K::BomInsideDocument => crate::t!("yaml.syntax.bom"),
        K::UnexpectedEof
        | K::UnexpectedEofBlockSequence
        | K::UnexpectedEofBlockMapping
        | K::UnexpectedEndOfPlainScalar => crate::t!("yaml.syntax.end"),
        K::DuplicateVersionDirective
        | K::UnsupportedYamlMajorVersion
        | K::DuplicateTagDirective
        | K::DirectiveDisallowed
        | K::InvalidDirectiveTerminator
        | K::MissingYamlVersionSeparator
        | K::MissingDirectiveName
        | K::InvalidDirectiveName
        | K::DirectiveByteLimitExceeded { .. }
        | K::TooManyReservedDirectiveParams { .. }
        | K::YamlVersionTooLong
        | K::MissingYamlVersion
        | K::InvalidTagDirectiveTerminator
        | K::UndeclaredTagHandle
        | K::ExpectedTagBang
        | K::ExpectedTagDirectiveBang
        | K::InvalidGlobalTagCharacter
        | K::InvalidTagTerminator
        | K::MissingTagUri
        | K::UnclosedVerbatimTag
        | K::InvalidTagEscape
        | K::InvalidTagUtf8LeadingByte
        | K::InvalidTagUtf8TrailingByte
        | K::InvalidTagUtf8 => crate::t!("yaml.syntax.directive"),
        K::ExpectedWhitespace => crate::t!("yaml.syntax.space"),
        _ => crate::t!("yaml.syntax.other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(text: &str) -> K {
        let mut parser = granit_parser::Parser::new_from_str(text);
        loop {
            match parser.next() {
                Some(Err(e)) => return e.kind().clone(),
                Some(Ok(_)) => {}
                None => panic!("no error in {text:?}"),
            }
        }
    }

    #[test]
    fn common_mistakes_have_their_own_words() {
        // Unit tests run in English: the English catalog's sentences.
        for (text, want) in [
            ("a: [1, 2\n", "the bracket [ has no matching ]: add ] after the last value"),
            ("a: {b: 1\n", "the bracket { has no matching }: add } after the last value"),
            ("a: \"text\n", "the quote is not closed: add the same quote at the end of the text"),
            ("a:\n\tb: 1\n", "a tab here: indent with spaces only"),
            ("a: @x\n", "the character @ cannot begin a value: put the whole text in quotes"),
        ] {
            assert_eq!(words(&kind_of(text)), want, "{text:?}");
        }
        for text in ["a: b: c\n", "a: 1\n b: 2\n", "a: \"x\\q\"\n", "- a\nb: 1\n", "a: 'x' y\n"] {
            assert!(!words(&kind_of(text)).starts_with("this cannot be read"), "{text:?}: {:?}", kind_of(text));
        }
    }
}

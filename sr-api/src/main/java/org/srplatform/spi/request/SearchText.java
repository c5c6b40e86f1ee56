package org.srplatform.spi.request;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.srplatform.api.common.FieldError;
import org.srplatform.api.common.ValidationException;

/**
 * The words of an SR search ({@code GET /requests?q=}), bounded: every word is a condition of the
 * query, and an unbounded number of them once overflowed the database's stack.
 *
 * @param text  the search as the user typed it, trimmed
 * @param words its words, split at white space
 * @since 1.1
 */
public record SearchText(String text, List<String> words) {
    /** Most words of one search. */
    public static final int MAX_WORDS = 20;
    /** Most characters of one search. */
    public static final int MAX_CHARS = 200;

    public SearchText {
        Objects.requireNonNull(text, "text");
        words = List.copyOf(words);
    }

    /**
     * @throws ValidationException naming {@code q} when the text is blank, longer than {@value #MAX_CHARS}
     *                             characters or has more than {@value #MAX_WORDS} words
     */
    public static SearchText of(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new ValidationException(FieldError.of("q", "is empty; leave it out to list every SR"));
        }
        List<String> words = Arrays.asList(trimmed.split("\\s+"));
        if (words.size() > MAX_WORDS || trimmed.length() > MAX_CHARS) {
            throw new ValidationException(FieldError.of("q", "has " + words.size() + (words.size() == 1 ? " word" : " words")
                    + " and " + trimmed.length() + " characters; search with at most " + MAX_WORDS + " words and "
                    + MAX_CHARS + " characters"));
        }
        return new SearchText(trimmed, words);
    }

    /** The words in lower case, as the store compares them. */
    public List<String> lowerCaseWords() {
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }
}

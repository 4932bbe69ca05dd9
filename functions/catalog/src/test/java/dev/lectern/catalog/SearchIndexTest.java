package dev.lectern.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchIndexTest {

    private final SearchIndex index = new SearchIndex();

    private void add(String id, String title, String subtitle, List<String> tags, long published) {
        index.put(new SearchIndex.Document(id, title, subtitle, tags, "", published));
    }

    private List<String> ids(String query) {
        return index.search(query, 10).stream().map(SearchIndex.Hit::courseId).toList();
    }

    @Test
    void cutsCjkIntoBigramsAndFoldsCaseAndAccents() {
        assertThat(SearchIndex.tokens("机器学习 Café-Crème")).containsExactly("机器", "器学", "学习", "cafe", "creme");
        assertThat(SearchIndex.tokens("Go语言")).containsExactly("go", "语言");
        assertThat(SearchIndex.tokens("日")).containsExactly("日");
    }

    @Test
    void findsEnglishAndChineseCaseAndAccentInsensitively() {
        add("c1", "Machine Learning Basics", "From zero", List.of("ai"), 1);
        add("c2", "机器学习入门", "从零开始", List.of("人工智能"), 2);
        add("c3", "Crème brûlée at home", "", List.of("cooking"), 3);

        assertThat(ids("machine learning")).containsExactly("c1");
        assertThat(ids("学习")).containsExactly("c2");
        assertThat(ids("人工智能")).containsExactly("c2");
        assertThat(ids("CREME BRULEE")).containsExactly("c3");
        assertThat(ids("nothing like this")).isEmpty();
    }

    @Test
    void ranksTitleAboveTagsAboveSubtitleAndNewerFirstOnTies() {
        add("subtitle", "Cooking", "rust for chefs", List.of(), 1);
        add("tag", "Systems", "", List.of("rust"), 2);
        add("title", "Rust in Practice", "", List.of(), 3);
        add("title-old", "Rust in Practice", "", List.of(), 0);

        assertThat(ids("rust")).containsExactly("title", "title-old", "tag", "subtitle");
    }

    @Test
    void everyTermMustMatchUnlessNothingMatchesThemAll() {
        add("a", "Java streams", "", List.of(), 1);
        add("b", "Java records", "", List.of(), 2);

        assertThat(ids("java streams")).containsExactly("a");
        assertThat(ids("streams haskell")).containsExactly("a");
    }

    @Test
    void findsACourseByItsCreatorsName() {
        index.put(new SearchIndex.Document("m", "Guitar in 30 Days", "", List.of(), "Marta Núñez", 1));

        assertThat(ids("marta nunez")).containsExactly("m");
    }

    @Test
    void updatesReplaceAndRemovalsHide() {
        add("a", "Old title", "", List.of(), 1);
        add("a", "New title", "", List.of(), 1);
        add("b", "Other", "", List.of(), 1);
        index.remove("b");

        assertThat(ids("old")).isEmpty();
        assertThat(ids("new")).containsExactly("a");
        assertThat(ids("other")).isEmpty();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.tombstones()).isEqualTo(2);
    }

    @Test
    void aChangeOfTheCountersAloneIsReplacedInPlaceAndReordersTheBrowse() {
        index.put(new SearchIndex.Document("a", "Alpha", "", List.of(), "", 1, facets(5, 1, 4)));
        index.put(new SearchIndex.Document("b", "Beta", "", List.of(), "", 2, facets(3, 2, 10)));
        var popular = java.util.Comparator.comparingLong((SearchIndex.Document d) -> d.facets().enrollments()).reversed();

        assertThat(index.browse(d -> true, popular)).extracting(SearchIndex.Document::courseId).containsExactly("a", "b");
        index.put(new SearchIndex.Document("b", "Beta", "", List.of(), "", 2, facets(9, 2, 10)));

        assertThat(index.browse(d -> true, popular)).extracting(SearchIndex.Document::courseId).containsExactly("b", "a");
        assertThat(index.browse(d -> true, popular).getFirst().facets().enrollments()).isEqualTo(9);
        assertThat(index.tombstones()).as("same text: no tombstone").isZero();
        assertThat(ids("beta")).containsExactly("b");
        index.put(new SearchIndex.Document("b", "Beta two", "", List.of(), "", 2, facets(9, 2, 10)));
        assertThat(index.tombstones()).as("new text: indexed again").isEqualTo(1);
        assertThat(ids("two")).containsExactly("b");
    }

    private static SearchIndex.Facets facets(long enrollments, long ratingCount, long ratingSum) {
        return new SearchIndex.Facets("creator", "beginner", "en", 0, enrollments, ratingCount, ratingSum);
    }
}

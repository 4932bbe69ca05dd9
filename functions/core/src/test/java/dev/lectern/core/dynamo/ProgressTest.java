package dev.lectern.core.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ProgressTest {

    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    private static final List<String> SYLLABUS = List.of("A", "B", "C", "D");

    private static Progress.Entry entry(String lesson, boolean completed, int minutes) {
        return new Progress.Entry("C1", lesson, 10, completed, T.plusSeconds(60L * minutes), 1);
    }

    @Test
    void nothingStartedIsZeroAndNowhereToContinue() {
        assertThat(Progress.summarize(SYLLABUS, List.of())).isEqualTo(new Progress.Summary(0, 4, 0, null));
    }

    @Test
    void theLessonTouchedLastThatIsNotCompletedComesFirst() {
        Progress.Summary summary = Progress.summarize(SYLLABUS, List.of(entry("A", true, 0), entry("C", false, 1), entry("B", false, 5)));

        assertThat(summary).isEqualTo(new Progress.Summary(1, 4, 25, "B"));
    }

    @Test
    void whenEveryLessonTouchedIsCompletedTheNextAfterTheLastCompletedInSyllabusOrder() {
        assertThat(Progress.summarize(SYLLABUS, List.of(entry("A", true, 9), entry("B", true, 1))).continueLessonId()).isEqualTo("C");
        // past the end of the syllabus: the first lesson not completed from the start
        assertThat(Progress.summarize(SYLLABUS, List.of(entry("D", true, 0), entry("C", true, 1))).continueLessonId()).isEqualTo("A");
        assertThat(Progress.summarize(SYLLABUS, List.of(entry("A", true, 0), entry("B", true, 0), entry("C", true, 0), entry("D", true, 0))))
                .isEqualTo(new Progress.Summary(4, 4, 100, null));
    }

    @Test
    void progressInALessonNoLongerInTheSyllabusCountsForNothingAndPercentRoundsDown() {
        Progress.Summary summary = Progress.summarize(List.of("A", "B", "C"), List.of(entry("A", true, 0), entry("X", true, 1), entry("X2", false, 2)));

        assertThat(summary).isEqualTo(new Progress.Summary(1, 3, 33, "B"));
    }

    @Test
    void anItemReadsBackAsItsEntry() {
        Map<String, AttributeValue> item = Map.of("PK", AttributeValue.fromS("PROGRESS#U1"), "SK", AttributeValue.fromS(Progress.sortKey("C1", "L1")),
                Progress.POSITION, AttributeValue.fromN("42"), Progress.COMPLETED, AttributeValue.fromBool(true),
                Progress.UPDATED_AT, AttributeValue.fromS(T.toString()), Progress.VERSION, AttributeValue.fromN("3"));

        assertThat(Progress.entry(item)).contains(new Progress.Entry("C1", "L1", 42, true, T, 3));
        assertThat(Progress.key("U1", "C1", "L1")).isEqualTo(Items.key("PROGRESS#U1", "COURSE#C1#LESSON#L1"));
        assertThat(Progress.byCourse(List.of(item))).containsOnlyKeys("C1");
    }

    @Test
    void theSyllabusIsOrderedBySectionThenLessonPositionAsTheCatalogShowsIt() {
        List<Map<String, AttributeValue>> partition = List.of(
                Map.of("SK", AttributeValue.fromS("META")),
                Map.of("SK", AttributeValue.fromS("SECTION#S2"), "position", AttributeValue.fromN("2")),
                Map.of("SK", AttributeValue.fromS("SECTION#S1"), "position", AttributeValue.fromN("1")),
                lesson("L3", "S2", 0), lesson("L2", "S1", 5), lesson("L1", "S1", 1), lesson("LX", "GONE", 0));

        assertThat(Courses.syllabusOrder(partition)).containsExactly("L1", "L2", "L3");
    }

    private static Map<String, AttributeValue> lesson(String id, String section, int position) {
        return Map.of("SK", AttributeValue.fromS("LESSON#" + id), "sectionId", AttributeValue.fromS(section), "position",
                AttributeValue.fromN(Integer.toString(position)));
    }
}

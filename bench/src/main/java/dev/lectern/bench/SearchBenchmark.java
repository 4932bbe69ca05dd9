package dev.lectern.bench;

import dev.lectern.catalog.SearchIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The search index at catalog scale: 100,000 synthetic courses (English and Chinese titles,
 * subtitles and tags from fixed vocabularies, seeded random), build time, heap held by the index,
 * and query latency (median and p99 of 2,000 queries mixing one- and two-term English and
 * Chinese queries).
 */
public final class SearchBenchmark {

    private static final String[] EN = ("java python rust go kotlin machine learning data science web design cooking baking "
            + "photography guitar piano marketing finance investing writing drawing yoga fitness spanish english japanese "
            + "history physics chemistry biology statistics cloud aws docker kubernetes security networks databases sql").split(" ");
    private static final String[] ZH = ("机器学习 数据分析 人工智能 编程入门 产品经理 摄影技巧 烹饪 吉他 钢琴 投资理财 写作 绘画 瑜伽 健身 "
            + "日语 英语口语 历史 物理 化学 生物 统计 云计算 网络安全 数据库 前端开发 后端开发 心理学 经济学 管理 营销").split(" ");

    private SearchBenchmark() {
    }

    public static void main(String[] args) {
        int courses = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random random = new Random(42);
        List<SearchIndex.Document> documents = new ArrayList<>(courses);
        for (int i = 0; i < courses; i++) {
            boolean chinese = random.nextInt(3) == 0;
            String[] words = chinese ? ZH : EN;
            String title = words[random.nextInt(words.length)] + (chinese ? "" : " ") + words[random.nextInt(words.length)]
                    + (chinese ? "实战课程" : " masterclass");
            String subtitle = words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)] + " " + i;
            documents.add(new SearchIndex.Document("course-" + i, title, subtitle,
                    List.of(words[random.nextInt(words.length)], words[random.nextInt(words.length)]), "creator " + (i % 5000), i));
        }
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        long t0 = System.nanoTime();
        SearchIndex index = new SearchIndex();
        documents.forEach(index::put);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        documents = null;
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();

        String[] queries = new String[2000];
        for (int i = 0; i < queries.length; i++) {
            String[] words = i % 3 == 0 ? ZH : EN;
            queries[i] = i % 2 == 0 ? words[random.nextInt(words.length)]
                    : words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
        }
        for (int i = 0; i < 500; i++) {
            index.search(queries[i % queries.length], 20);
        }
        double[] times = new double[queries.length];
        for (int i = 0; i < queries.length; i++) {
            long start = System.nanoTime();
            index.search(queries[i], 20);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf("%d courses, %d terms: build %.0f ms, index heap ≈ %.0f MB; query median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                courses, index.terms().size(), buildMs, (after - before) / 1e6, times[times.length / 2],
                times[(int) (times.length * 0.99)], times[times.length - 1]);
    }
}

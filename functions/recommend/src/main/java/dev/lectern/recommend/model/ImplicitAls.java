package dev.lectern.recommend.model;

/** Implicit ALS training, and folding a learner in from their items at serving time. */
public final class ImplicitAls {

    private ImplicitAls() {
    }

    public static Factors train(InteractionMatrix matrix, AlsParams params) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A learner's factor vector from their items and strengths, against fixed item factors. */
    public static float[] foldIn(Factors factors, AlsParams params, int[] items, float[] strengths) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}

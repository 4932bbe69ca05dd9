package dev.lectern.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void aPaymentSplitsIntoTheFeeAndTheCreatorsNet() {
        Ledger.Delta payment = Ledger.change(0, 1_999, 1_999, 2_000);
        assertThat(payment.gross()).isEqualTo(1_999);
        assertThat(payment.fee()).isEqualTo(400);
        assertThat(payment.net()).isEqualTo(1_599);
    }

    @Test
    void partialRefundsReverseProportionallyAndNeverDrift() {
        long total = 1_999;
        int bps = 2_000;
        long booked = 0;
        long gross = 0;
        long fee = 0;
        long net = 0;
        long[] steps = {1_999, 1_666, 1_333, 1_000, 1, 0};
        for (long next : steps) {
            Ledger.Delta delta = Ledger.change(booked, next, total, bps);
            assertThat(delta.gross()).isEqualTo(next - booked);
            assertThat(delta.fee() + delta.net()).isEqualTo(delta.gross());
            gross += delta.gross();
            fee += delta.fee();
            net += delta.net();
            booked = next;
        }
        assertThat(gross).as("a full refund in pieces leaves nothing").isZero();
        assertThat(fee).isZero();
        assertThat(net).isZero();
    }

    @Test
    void aHalfRefundReversesHalfTheFee() {
        Ledger.Delta refund = Ledger.change(2_000, 1_000, 2_000, 2_000);
        assertThat(refund.gross()).isEqualTo(-1_000);
        assertThat(refund.fee()).isEqualTo(-200);
        assertThat(refund.net()).isEqualTo(-800);
    }
}

# The satisfaction question, once per attended consultation or course.
# Variables: $service (the service's name)
survey-question = Наскільки Ви задоволені послугою «{ $service }»? Оберіть оцінку від 1 (зовсім ні) до 5 (дуже задоволені).
survey-thanks-comment = Дякуємо! Якщо бажаєте, напишіть короткий коментар (що допомогло, що ми могли б зробити краще) або натисніть «Пропустити».
survey-skip = Пропустити
survey-thanks = Дякуємо за Вашу відповідь.
survey-already = Ми вже маємо Вашу відповідь. Дякуємо!
survey-closed = Дякуємо! Це опитування вже закрите, тому Вашу відповідь більше не враховують.
